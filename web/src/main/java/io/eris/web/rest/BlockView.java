package io.eris.web.rest;

import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Transaction;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON view of a block; {@code encoded} holds the canonical bytes that were signed. */
final class BlockView {
  private BlockView() {}

  static Map<String, Object> of(Block block, boolean isFinal) {
    BlockHeader h = block.header();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", block.hash().toHex());
    m.put("height", h.height());
    m.put("parent", h.parent().toHex());
    m.put("timestamp", h.timestampMillis());
    m.put("kind", h.kind().name());
    m.put("proposer", h.proposer().toHex());
    m.put("leaderEpoch", h.leaderEpoch());
    m.put("txRoot", h.txRoot().toHex());
    m.put("stateRoot", h.stateRoot().toHex());
    m.put("txCount", h.txCount());
    m.put("powTarget", h.powTarget().toHex());
    m.put("powNonce", h.powNonce());
    m.put("final", isFinal);
    m.put("signature", HexFormat.of().formatHex(block.signature()));
    List<Map<String, Object>> txs = new ArrayList<>();
    for (Transaction tx : block.txs()) {
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("hash", tx.hash().toHex());
      t.put("sender", tx.sender().address().toHex());
      t.put("nonce", tx.nonce());
      t.put("kind", tx.kind().name());
      txs.add(t);
    }
    m.put("txs", txs);
    m.put("encoded", HexFormat.of().formatHex(block.encode()));
    return m;
  }
}
