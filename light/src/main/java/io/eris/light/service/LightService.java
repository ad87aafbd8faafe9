package io.eris.light.service;

import io.eris.core.codec.CodecException;
import io.eris.core.codec.Json;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.StateKeys;
import io.eris.core.model.Genesis;
import io.eris.core.model.Limits;
import io.eris.core.model.Vote;
import io.eris.light.cache.VerifiedCache;
import io.eris.light.node.NodeClient;
import io.eris.light.node.NodeEndpoint;
import io.eris.light.node.NodeFailure;
import io.eris.light.node.NodePool;
import io.eris.light.node.NodeResponse;
import io.eris.light.verify.ReadVerifier;
import io.eris.light.verify.Rejection;
import io.eris.light.verify.TrustAnchor;
import io.eris.light.verify.Unverifiable;
import io.eris.light.verify.VerifiedRead;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The light service's use cases: verified reads from remote full nodes. For each request it asks
 * the configured nodes in order (skipping those in back-off) and answers with the first answer that
 * verifies — the node's genesis hashes to the trusted chain id, the Merkle proof holds against a
 * header that is final by the votes of genesis validators — built from the verified data. Verified
 * answers are cached; when no node gives one, a cached answer is served marked stale, or the
 * request fails with {@code 502 NO_VERIFIED_ANSWER} listing what each node did wrong. Thread-safe;
 * one instance serves the whole application.
 */
public final class LightService {
  /** Request bodies of forwarded transactions larger than this are refused before reading on. */
  public static final int MAX_TX_BODY_BYTES = 2 * Limits.MAX_TX_BYTES + 64;

  static final int MAX_READ_BYTES = 1 << 20;
  static final int MAX_GENESIS_BYTES = Limits.MAX_GENESIS_BYTES + (1 << 20);
  static final int MAX_TX_ANSWER_BYTES = 1 << 16;

  private static final Logger LOG = Logger.getLogger(LightService.class.getName());

  private final LightSettings settings;
  private final NodeClient client;
  private final NodePool pool;
  private final VerifiedCache cache;
  private final LongSupplier clock;
  private final Set<String> genesisChecked = ConcurrentHashMap.newKeySet();
  private final Map<PublicKey, Long> lastVotes = new ConcurrentHashMap<>();
  private volatile TrustAnchor trust;
  private volatile String trustNode;
  private volatile long lastVerifiedAtMs;
  private volatile String lastVerifiedNode;

  public LightService(LightSettings settings, LongSupplier clock) {
    this(settings, clock, null);
  }

  /**
   * @param executor runs the HTTP client's asynchronous work (in the container: a managed
   *     executor); null: the client's own threads
   */
  public LightService(LightSettings settings, LongSupplier clock, Executor executor) {
    this.settings = settings;
    this.clock = clock;
    this.client = new NodeClient(settings.connectTimeout(), settings.requestTimeout(), executor);
    this.pool = new NodePool(settings.nodes(), settings.backoffMs(), clock);
    this.cache =
        new VerifiedCache(
            settings.cacheSize(), settings.cacheTtlMs(), settings.cacheStaleMs(), clock);
  }

  // ---- reads -----------------------------------------------------------------------------

  /** {@code GET /api/v1/accounts/{address}}: the account at the newest final block, verified. */
  public LightAnswer account(String address) {
    Address a = address(address);
    String hex = a.toHex();
    byte[] stateKey = StateKeys.account(a);
    return read(
        "account:" + hex,
        t -> "accounts/" + hex,
        (answer, t) -> {
          VerifiedRead r = ReadVerifier.verify(answer, stateKey, t);
          AccountState s = null;
          if (r.value() != null) {
            try {
              s = AccountState.decode(r.value());
            } catch (RuntimeException e) {
              throw new Unverifiable(
                  Rejection.MALFORMED, "the account entry does not decode: " + e.getMessage());
            }
            if (!s.address().equals(a)) {
              throw new Unverifiable(Rejection.PROOF, "the account entry belongs to another key");
            }
          }
          return new Checked(StateViews.account(hex, r, s), r);
        },
        true);
  }

  /** {@code GET /api/v1/kv/{namespace}/{keyHex}}: a key-value entry (or its absence), verified. */
  public LightAnswer kv(String namespace, String keyHex) {
    if (keyHex == null || !keyHex.matches("([0-9a-f]{2}){1,1024}")) {
      throw ProblemException.badRequest("BAD_KEY", "the key is 1 to 1024 bytes in lower-case hex");
    }
    if (namespace == null
        || namespace.isEmpty()
        || namespace.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_NAMESPACE_BYTES) {
      throw ProblemException.badRequest("BAD_NAMESPACE", "a namespace has 1 to 64 bytes");
    }
    byte[] stateKey;
    try {
      stateKey = StateKeys.kv(namespace, HexFormat.of().parseHex(keyHex));
    } catch (CodecException e) {
      throw ProblemException.badRequest("BAD_KEY", e.getMessage());
    }
    String path =
        "kv/" + URLEncoder.encode(namespace, StandardCharsets.UTF_8).replace("+", "%20") + "/";
    return read(
        "kv:" + namespace.length() + ":" + namespace + ":" + keyHex,
        t -> path + keyHex,
        (answer, t) -> {
          VerifiedRead r = ReadVerifier.verify(answer, stateKey, t);
          return new Checked(StateViews.kv(namespace, keyHex, r), r);
        },
        true);
  }

  /**
   * {@code GET /api/v1/head}: the newest final block a node proves. The proof is a verified read
   * (the genesis leader's account, which always exists) whose header carries the votes.
   */
  public LightAnswer head() {
    return head(true);
  }

  private LightAnswer head(boolean useCache) {
    return read(
        "head",
        t -> "accounts/" + t.genesis().leaderKey().address().toHex(),
        (answer, t) -> {
          byte[] key = StateKeys.account(t.genesis().leaderKey().address());
          VerifiedRead r = ReadVerifier.verify(answer, key, t);
          return new Checked(StateViews.head(r), r);
        },
        useCache);
  }

  /** {@code GET /api/v1/genesis}: the trusted genesis, fetched from a node and checked by hash. */
  public LightAnswer genesis() {
    TrustAnchor t = trust();
    Map<String, Object> m = t.toView();
    m.put("verifiedBy", verifiedBy(trustNode, 0, null));
    m.put("stale", false);
    return new LightAnswer(m, trustNode, false);
  }

  /**
   * {@code GET /api/v1/validators}: the validators whose votes this service counts (the genesis
   * set), with {@code lastVoteHeight} the newest verified final block it counted their vote for
   * (null: none yet).
   */
  public LightAnswer validators() {
    TrustAnchor t = trust();
    List<Map<String, Object>> out = new ArrayList<>();
    for (Genesis.Validator v : t.genesis().validators()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", v.key().address().toHex());
      m.put("publicKey", v.key().toHex());
      m.put("stake", v.stake());
      m.put("lastVoteHeight", lastVotes.get(v.key()));
      out.add(m);
    }
    return new LightAnswer(out, trustNode, false);
  }

  // ---- transactions ----------------------------------------------------------------------

  /**
   * {@code POST /api/v1/txs}: the signed bytes go to the first node that takes them, as they are.
   * The next node is tried only when one gave no answer, timed out or is not ready (503):
   * resubmitting the same signed bytes is safe, a node's verdict is passed back unchanged.
   */
  public TxForward submit(String contentType, byte[] body) {
    List<Map<String, Object>> attempts = new ArrayList<>();
    Optional<TxForward> sent =
        firstAnswer(
            node -> {
              trustFor(node);
              NodeResponse r = client.post(node, "txs", contentType, body, MAX_TX_ANSWER_BYTES);
              if (r.status() == 503) {
                throw new NodeFailure(
                    NodeFailure.Code.NODE_NOT_READY, "the node is not ready (HTTP 503)");
              }
              return new TxForward(r, node.name());
            },
            attempts);
    return sent.orElseThrow(
        () ->
            new ProblemException(
                502,
                "NO_NODE_AVAILABLE",
                "No node available",
                "no node took the transaction; it was not submitted",
                Map.of("nodes", attempts)));
  }

  // ---- health ----------------------------------------------------------------------------

  /** Refreshes the verified head from the nodes (the periodic probe); never throws. */
  public void probe() {
    try {
      head(false);
    } catch (ProblemException e) {
      LOG.log(Level.FINE, "light probe: {0}", e.getMessage());
    }
  }

  /** Up when a node answered with verified data within the configured window. */
  public ReadyState readiness() {
    long at = lastVerifiedAtMs;
    String node = lastVerifiedNode;
    if (at == 0) {
      return new ReadyState(false, "no node has answered with verified data yet", null);
    }
    long age = clock.getAsLong() - at;
    if (age > settings.readyWithinMs()) {
      return new ReadyState(
          false, "no verified answer for " + age + " ms (last from " + node + ")", node);
    }
    return new ReadyState(true, "verified answer from " + node + " " + age + " ms ago", node);
  }

  /**
   * {@code GET /api/v1/light}: how this service stands — the trusted chain id, each node by name
   * with its back-off, the cache, readiness. No host names.
   */
  public Map<String, Object> status() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chainId", settings.genesisHash().toHex());
    List<Map<String, Object>> nodes = new ArrayList<>();
    long now = clock.getAsLong();
    for (NodeEndpoint node : pool.nodes()) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("name", node.name());
      long until = pool.backedOffUntil(node);
      n.put("backedOffMs", until == 0 ? 0 : until - now);
      n.put("genesisChecked", genesisChecked.contains(node.name()));
      nodes.add(n);
    }
    m.put("nodes", nodes);
    m.put("cacheEntries", cache.size());
    ReadyState r = readiness();
    m.put("ready", r.up());
    m.put("readiness", r.detail());
    return m;
  }

  // ---- the failover loop -----------------------------------------------------------------

  /** Checks a node's parsed answer against the trust anchor and builds the light view of it. */
  @FunctionalInterface
  private interface Check {
    Checked apply(Map<String, Object> answer, TrustAnchor trust) throws Unverifiable;
  }

  private record Checked(Map<String, Object> view, VerifiedRead read) {}

  /** One node's part of a request. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run(NodeEndpoint node) throws NodeFailure, Unverifiable;
  }

  private LightAnswer read(
      String cacheKey, Function<TrustAnchor, String> path, Check check, boolean useCache) {
    if (useCache) {
      Optional<VerifiedCache.Entry> fresh = cache.fresh(cacheKey);
      if (fresh.isPresent()) {
        return answer(fresh.get(), false);
      }
    }
    List<Map<String, Object>> attempts = new ArrayList<>();
    Optional<VerifiedCache.Entry> verified =
        firstAnswer(
            node -> {
              TrustAnchor t = trustFor(node);
              NodeResponse r = client.get(node, path.apply(t), MAX_READ_BYTES);
              Checked c = check.apply(jsonObject(ok(r)), t);
              VerifiedCache.Entry e =
                  new VerifiedCache.Entry(
                      c.view(), node.name(), c.read().height(), clock.getAsLong());
              noteVerified(node, c.read());
              cache.put(cacheKey, e);
              return e;
            },
            attempts);
    if (verified.isPresent()) {
      return answer(verified.get(), false);
    }
    return cache
        .stale(cacheKey)
        .map(e -> answer(e, true))
        .orElseThrow(
            () ->
                new ProblemException(
                    502,
                    "NO_VERIFIED_ANSWER",
                    "No verified answer",
                    "no node gave an answer that verifies, and none is cached",
                    Map.of("nodes", attempts)));
  }

  /**
   * Runs {@code attempt} on each node not in back-off, in order, until one succeeds; each failure
   * puts its node in back-off and is recorded in {@code attempts} as {@code {node, code, detail}}.
   */
  private <T> Optional<T> firstAnswer(Attempt<T> attempt, List<Map<String, Object>> attempts) {
    for (NodeEndpoint node : pool.nodes()) {
      long until = pool.backedOffUntil(node);
      if (until > 0) {
        attempts.add(
            attempt(
                node,
                "BACKED_OFF",
                "skipped for another " + (until - clock.getAsLong()) + " ms after a failure"));
        continue;
      }
      try {
        T result = attempt.run(node);
        if (pool.succeeded(node)) {
          LOG.info(() -> "light: node " + node.name() + " answers again");
        }
        return Optional.of(result);
      } catch (NodeFailure f) {
        failed(node, f.code().name(), f.getMessage(), attempts, Level.INFO);
      } catch (Unverifiable u) {
        failed(node, u.rejection().name(), u.getMessage(), attempts, Level.WARNING);
      }
    }
    return Optional.empty();
  }

  private void failed(
      NodeEndpoint node,
      String code,
      String detail,
      List<Map<String, Object>> attempts,
      Level level) {
    genesisChecked.remove(node.name());
    attempts.add(attempt(node, code, detail));
    if (pool.failed(node, code)) {
      LOG.log(
          level,
          "light: node {0} refused ({1}): {2}; backing off {3} ms",
          new Object[] {node.name(), code, detail, settings.backoffMs()});
    }
  }

  private static Map<String, Object> attempt(NodeEndpoint node, String code, String detail) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node.name());
    m.put("code", code);
    m.put("detail", detail);
    return m;
  }

  private void noteVerified(NodeEndpoint node, VerifiedRead r) {
    for (Vote v : r.votes()) {
      lastVotes.merge(v.voter(), r.height(), Math::max);
    }
    lastVerifiedAtMs = clock.getAsLong();
    lastVerifiedNode = node.name();
  }

  private static LightAnswer answer(VerifiedCache.Entry e, boolean stale) {
    Map<String, Object> body = new LinkedHashMap<>(e.view());
    body.put("verifiedBy", verifiedBy(e.node(), e.height(), e.verifiedAtMs()));
    body.put("stale", stale);
    return new LightAnswer(body, e.node(), stale);
  }

  private static Map<String, Object> verifiedBy(String node, long height, Long atMs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", node);
    m.put("height", height);
    if (atMs != null) {
      m.put("at", atMs);
    }
    return m;
  }

  // ---- trust -----------------------------------------------------------------------------

  /**
   * The trust anchor, after checking {@code node}'s genesis against the trusted chain id (once per
   * node, again after each failure of that node): a node of another chain is never asked.
   */
  private TrustAnchor trustFor(NodeEndpoint node) throws NodeFailure, Unverifiable {
    TrustAnchor t = trust;
    if (t != null && genesisChecked.contains(node.name())) {
      return t;
    }
    NodeResponse r = client.get(node, "genesis", MAX_GENESIS_BYTES);
    TrustAnchor fetched = TrustAnchor.fromNodeAnswer(ok(r).text(), settings.genesisHash());
    synchronized (this) {
      if (trust == null) {
        trust = fetched;
        trustNode = node.name();
      }
      t = trust;
    }
    genesisChecked.add(node.name());
    return t;
  }

  private TrustAnchor trust() {
    TrustAnchor t = trust;
    if (t != null) {
      return t;
    }
    List<Map<String, Object>> attempts = new ArrayList<>();
    return firstAnswer(this::trustFor, attempts)
        .orElseThrow(
            () ->
                new ProblemException(
                    502,
                    "NO_VERIFIED_ANSWER",
                    "No verified answer",
                    "no node gave a genesis that hashes to the trusted chain id",
                    Map.of("nodes", attempts)));
  }

  // ---- parsing ---------------------------------------------------------------------------

  private static NodeResponse ok(NodeResponse r) throws NodeFailure {
    if (r.status() == 200) {
      return r;
    }
    if (r.status() == 503) {
      throw new NodeFailure(NodeFailure.Code.NODE_NOT_READY, "the node is not ready (HTTP 503)");
    }
    String code = "";
    try {
      if (Json.parse(r.text(), MAX_READ_BYTES) instanceof Map<?, ?> m
          && m.get("code") instanceof String c) {
        code = ", code " + c;
      }
    } catch (CodecException e) {
      // not a problem body: the status says enough
    }
    throw new NodeFailure(NodeFailure.Code.BAD_STATUS, "HTTP " + r.status() + code);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> jsonObject(NodeResponse r) throws Unverifiable {
    try {
      if (Json.parse(r.text(), MAX_READ_BYTES) instanceof Map<?, ?> m) {
        return (Map<String, Object>) m;
      }
    } catch (CodecException e) {
      throw new Unverifiable(Rejection.MALFORMED, "the answer is not JSON: " + e.getMessage());
    }
    throw new Unverifiable(Rejection.MALFORMED, "the answer is not a JSON object");
  }

  private static Address address(String hex) {
    try {
      return Address.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("BAD_ADDRESS", "an address is 40 lower-case hex digits");
    }
  }
}
