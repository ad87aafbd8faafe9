package io.eris.web.rest;

import io.eris.core.crypto.Address;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.StateKeys;
import io.eris.core.model.Vote;
import io.eris.node.application.StateQueries;
import io.eris.node.application.StateRead;
import io.eris.node.application.TxStatusView;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifiable reads: an account or a key-value entry at the highest final block, with the block
 * header, the Merkle proof of the entry (or of its absence) and the votes that made the block
 * final. A client checks all three without trusting this node.
 */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {
  private static final HexFormat HEX = HexFormat.of();

  @EJB StateQueries state;

  @GET
  @Path("accounts/{address}")
  public Map<String, Object> account(@PathParam("address") String address) {
    Address a = address(address);
    StateRead read = read(StateKeys.account(a));
    Map<String, Object> m = view(read);
    m.put("address", a.toHex());
    if (read.value() == null) {
      m.put("account", null);
    } else {
      AccountState s = AccountState.decode(read.value());
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("publicKey", s.publicKey().toHex());
      acc.put("balance", s.balance());
      acc.put("nonce", s.nonce());
      acc.put("revoked", s.revoked());
      acc.put("roles", s.roles());
      m.put("account", acc);
    }
    return m;
  }

  @GET
  @Path("accounts/{address}/txs")
  public List<Map<String, Object>> history(
      @PathParam("address") String address, @QueryParam("limit") Integer limit) {
    Address a = address(address);
    int max = limit == null ? 50 : Math.max(1, Math.min(500, limit));
    List<Map<String, Object>> out = new ArrayList<>();
    for (TxStatusView v : state.history(a.toHex(), max)) {
      out.add(TxResource.view(v));
    }
    return out;
  }

  /** A key-value entry; {@code keyHex} is the key's bytes in lower-case hex. */
  @GET
  @Path("kv/{namespace}/{keyHex}")
  public Map<String, Object> kv(
      @PathParam("namespace") String namespace, @PathParam("keyHex") String keyHex) {
    if (!keyHex.matches("([0-9a-f]{2}){1,1024}")) {
      throw ProblemException.badRequest("BAD_KEY", "the key is 1 to 1024 bytes in lower-case hex");
    }
    if (namespace.getBytes(StandardCharsets.UTF_8).length > 64) {
      throw ProblemException.badRequest("BAD_NAMESPACE", "a namespace has at most 64 bytes");
    }
    byte[] key = HEX.parseHex(keyHex);
    byte[] stateKey;
    try {
      stateKey = StateKeys.kv(namespace, key);
    } catch (RuntimeException e) {
      throw ProblemException.badRequest("BAD_KEY", e.getMessage());
    }
    StateRead read = read(stateKey);
    Map<String, Object> m = view(read);
    m.put("namespace", namespace);
    m.put("key", keyHex);
    return m;
  }

  private StateRead read(byte[] stateKey) {
    return state.read(stateKey).orElseThrow(ChainResource::notReady);
  }

  private static Address address(String hex) {
    try {
      return Address.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("BAD_ADDRESS", "an address is 40 lower-case hex digits");
    }
  }

  private static Map<String, Object> view(StateRead read) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", read.block().height());
    m.put("blockHash", read.block().hash().toHex());
    m.put("header", HEX.formatHex(read.block().header().encode()));
    m.put("stateKey", HEX.formatHex(read.stateKey()));
    m.put("value", read.value() == null ? null : HEX.formatHex(read.value()));
    m.put("proof", HEX.formatHex(read.proof().encode()));
    List<String> votes = new ArrayList<>();
    for (Vote v : read.votes()) {
      votes.add(HEX.formatHex(v.encode()));
    }
    m.put("votes", votes);
    return m;
  }
}
