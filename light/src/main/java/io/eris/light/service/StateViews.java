package io.eris.light.service;

import io.eris.core.ledger.AccountState;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Vote;
import io.eris.light.verify.VerifiedRead;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON views the light service answers, in the shapes of the node's API, built from verified
 * data only (never copied from the node's answer): the header, value and proof that held, the state
 * key computed here, and only the votes that counted.
 */
final class StateViews {
  private static final HexFormat HEX = HexFormat.of();

  private StateViews() {}

  static Map<String, Object> read(VerifiedRead r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", r.height());
    m.put("blockHash", r.blockHash().toHex());
    m.put("header", HEX.formatHex(r.header().encode()));
    m.put("stateKey", HEX.formatHex(r.stateKey()));
    m.put("value", r.value() == null ? null : HEX.formatHex(r.value()));
    m.put("proof", HEX.formatHex(r.proof()));
    m.put("votes", votes(r.votes()));
    return m;
  }

  static Map<String, Object> account(String address, VerifiedRead r, AccountState s) {
    Map<String, Object> m = read(r);
    m.put("address", address);
    if (s == null) {
      m.put("account", null);
    } else {
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("publicKey", s.publicKey().toHex());
      acc.put("balance", s.balance());
      acc.put("nonce", s.nonce());
      acc.put("revoked", s.revoked());
      acc.put("roles", List.copyOf(s.roles()));
      m.put("account", acc);
    }
    return m;
  }

  static Map<String, Object> kv(String namespace, String keyHex, VerifiedRead r) {
    Map<String, Object> m = read(r);
    m.put("namespace", namespace);
    m.put("key", keyHex);
    return m;
  }

  /**
   * The final head: the node's {@code /head} shape where height and hash are the final block's (the
   * light service knows no block that is not final), mode FALLBACK when that block was mined (POW)
   * and LEADER otherwise, plus the header and votes that prove it.
   */
  static Map<String, Object> head(VerifiedRead r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", r.height());
    m.put("hash", r.blockHash().toHex());
    m.put("mode", r.header().kind() == BlockKind.POW ? "FALLBACK" : "LEADER");
    m.put("finalHeight", r.height());
    m.put("finalHash", r.blockHash().toHex());
    m.put("chainId", r.header().chainId().toHex());
    m.put("timestamp", r.header().timestampMillis());
    m.put("header", HEX.formatHex(r.header().encode()));
    m.put("votes", votes(r.votes()));
    return m;
  }

  private static List<String> votes(List<Vote> votes) {
    List<String> out = new ArrayList<>(votes.size());
    for (Vote v : votes) {
      out.add(HEX.formatHex(v.encode()));
    }
    return out;
  }
}
