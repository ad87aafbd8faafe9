package io.eris.core.model;

import io.eris.core.codec.CanonicalReader;
import io.eris.core.codec.CanonicalWriter;
import io.eris.core.codec.CodecException;
import io.eris.core.codec.ErrorCode;
import io.eris.core.codec.Json;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The genesis of a chain. Its canonical encoding's SHA-256 is the chain id that every transaction,
 * block and vote carries.
 *
 * <pre>
 * u8 0x47 ('G') | u8 version=1 | string chainName | u64 timestampMillis | u32 blockIntervalMs
 * | u32 leaderTimeoutMs | leaderKey[32]
 * | u32 n | n x (key[32] | u64 stake | roles)                       validators, by key
 * | u32 n | n x (key[32] | u64 balance | roles)                     accounts, by key
 * | u32 n | n x key[32] | u16 threshold                             governance M-of-N, by key
 * | string powFunction | powBaseTarget[32] | u32 powExpectedBlockMs
 * | u16 finalityNumerator | u16 finalityDenominator | u32 anchorEvery | u32 maxBlockTxs
 * roles = u32 n | n x string (sorted, unique)
 * </pre>
 *
 * Lists whose order carries no meaning must be sorted and unique, so a genesis has one encoding;
 * the JSON file form is normalised into that order when read.
 */
public record Genesis(
    String chainName,
    long timestampMillis,
    int blockIntervalMs,
    int leaderTimeoutMs,
    PublicKey leaderKey,
    List<Validator> validators,
    List<Account> accounts,
    List<PublicKey> governanceSigners,
    int governanceThreshold,
    String powFunction,
    Hash powBaseTarget,
    int powExpectedBlockMs,
    int finalityNumerator,
    int finalityDenominator,
    int anchorEvery,
    int maxBlockTxs) {

  public static final int TAG = 0x47;
  public static final int VERSION = 1;
  public static final String POW_SHA256D = "sha256d-v1";
  public static final String POW_ARGON2ID = "argon2id-v1";

  /** A validator: may vote, and mine in fallback with probability proportional to stake. */
  public record Validator(PublicKey key, long stake, List<String> roles) {
    public Validator {
      roles = canonicalRoles(roles);
    }
  }

  /** An account opened at genesis. */
  public record Account(PublicKey key, long balance, List<String> roles) {
    public Account {
      roles = canonicalRoles(roles);
    }
  }

  public Genesis {
    validators = List.copyOf(validators);
    accounts = List.copyOf(accounts);
    governanceSigners = List.copyOf(governanceSigners);
    if (chainName.isEmpty() || chainName.length() > 64) {
      throw invalid("chainName must have 1 to 64 characters");
    }
    if (blockIntervalMs < 10 || blockIntervalMs > 600_000) {
      throw invalid("blockIntervalMs must be 10..600000");
    }
    if (leaderTimeoutMs <= blockIntervalMs) {
      throw invalid("leaderTimeoutMs must exceed blockIntervalMs");
    }
    if (validators.isEmpty() || validators.size() > Limits.MAX_VALIDATORS) {
      throw invalid("1 to " + Limits.MAX_VALIDATORS + " validators");
    }
    if (accounts.size() > Limits.MAX_ACCOUNTS) {
      throw invalid("too many accounts");
    }
    checkSortedUnique(validators.stream().map(Validator::key).toList(), "validators");
    checkSortedUnique(accounts.stream().map(Account::key).toList(), "accounts");
    checkSortedUnique(governanceSigners, "governance signers");
    long total = 0;
    for (Validator v : validators) {
      if (v.stake() <= 0) {
        throw invalid("validator stake must be positive");
      }
      if (total > Long.MAX_VALUE - v.stake()) {
        throw invalid("total stake overflows");
      }
      total += v.stake();
    }
    if (governanceSigners.isEmpty()
        || governanceThreshold < 1
        || governanceThreshold > governanceSigners.size()) {
      throw invalid("governance needs 1 <= M <= N signers");
    }
    if (!POW_SHA256D.equals(powFunction) && !POW_ARGON2ID.equals(powFunction)) {
      throw invalid("unknown proof-of-work function " + powFunction);
    }
    if (powExpectedBlockMs <= 0) {
      throw invalid("powExpectedBlockMs must be positive");
    }
    if (finalityDenominator > 0xffff) {
      throw invalid("finality denominator must be at most 65535");
    }
    if (finalityDenominator <= 0
        || finalityNumerator <= 0
        || finalityNumerator > finalityDenominator
        || 2 * finalityNumerator <= finalityDenominator) {
      throw invalid("finality threshold must be a fraction in (1/2, 1]");
    }
    if (anchorEvery <= 0 || maxBlockTxs <= 0 || maxBlockTxs > Limits.MAX_BLOCK_TXS) {
      throw invalid("anchorEvery and maxBlockTxs must be positive (maxBlockTxs <= 20000)");
    }
  }

  private static List<String> canonicalRoles(List<String> roles) {
    TreeSet<String> sorted = new TreeSet<>(roles);
    if (sorted.size() != roles.size()) {
      throw invalid("duplicate role");
    }
    if (sorted.size() > Limits.MAX_ROLES) {
      throw invalid("too many roles");
    }
    for (String r : sorted) {
      if (r.isEmpty() || r.length() > Limits.MAX_ROLE_BYTES || !r.matches("[a-z0-9:_.\\-]+")) {
        throw invalid("role names are 1-64 chars of [a-z0-9:_.-]: " + r);
      }
    }
    return List.copyOf(sorted);
  }

  private static CodecException invalid(String why) {
    return new CodecException(ErrorCode.INVALID_GENESIS, why);
  }

  private static <T extends Comparable<T>> void checkSortedUnique(List<T> keys, String what) {
    for (int i = 1; i < keys.size(); i++) {
      if (keys.get(i - 1).compareTo(keys.get(i)) >= 0) {
        throw new CodecException(ErrorCode.NON_CANONICAL, what + " must be sorted and unique");
      }
    }
  }

  public long totalStake() {
    long total = 0;
    for (Validator v : validators) {
      total += v.stake();
    }
    return total;
  }

  public Hash chainId() {
    return Hash.sha256(encode());
  }

  public byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(1024)
            .u8(TAG)
            .u8(VERSION)
            .string(chainName)
            .u64(timestampMillis)
            .u32(blockIntervalMs)
            .u32(leaderTimeoutMs)
            .fixed(leaderKey.unsafeBytes(), PublicKey.SIZE);
    w.u32(validators.size());
    for (Validator v : validators) {
      w.fixed(v.key().unsafeBytes(), PublicKey.SIZE).u64(v.stake());
      writeRoles(w, v.roles());
    }
    w.u32(accounts.size());
    for (Account a : accounts) {
      w.fixed(a.key().unsafeBytes(), PublicKey.SIZE).u64(a.balance());
      writeRoles(w, a.roles());
    }
    w.u32(governanceSigners.size());
    for (PublicKey k : governanceSigners) {
      w.fixed(k.unsafeBytes(), PublicKey.SIZE);
    }
    return w.u16(governanceThreshold)
        .string(powFunction)
        .fixed(powBaseTarget.unsafeBytes(), Hash.SIZE)
        .u32(powExpectedBlockMs)
        .u16(finalityNumerator)
        .u16(finalityDenominator)
        .u32(anchorEvery)
        .u32(maxBlockTxs)
        .toByteArray();
  }

  private static void writeRoles(CanonicalWriter w, List<String> roles) {
    w.u32(roles.size());
    for (String r : roles) {
      w.string(r);
    }
  }

  private static List<String> readRoles(CanonicalReader r) {
    int n = r.count(Limits.MAX_ROLES, "roles");
    List<String> roles = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      roles.add(r.string(Limits.MAX_ROLE_BYTES, "role"));
    }
    for (int i = 1; i < n; i++) {
      if (roles.get(i - 1).compareTo(roles.get(i)) >= 0) {
        throw new CodecException(ErrorCode.NON_CANONICAL, "roles must be sorted and unique");
      }
    }
    return roles;
  }

  public static Genesis decode(byte[] bytes) {
    CanonicalReader r = new CanonicalReader(bytes, Limits.MAX_GENESIS_BYTES);
    r.header(TAG, VERSION, "genesis");
    String chainName = r.string(64, "chainName");
    long ts = r.u64("timestamp");
    int t = r.u32AsInt("blockIntervalMs");
    int timeout = r.u32AsInt("leaderTimeoutMs");
    PublicKey leader = PublicKey.wrap(r.fixed(PublicKey.SIZE, "leaderKey"));
    int nv = r.count(Limits.MAX_VALIDATORS, "validators");
    List<Validator> validators = new ArrayList<>(nv);
    for (int i = 0; i < nv; i++) {
      validators.add(
          new Validator(
              PublicKey.wrap(r.fixed(PublicKey.SIZE, "validator")), r.u64("stake"), readRoles(r)));
    }
    int na = r.count(Limits.MAX_ACCOUNTS, "accounts");
    List<Account> accounts = new ArrayList<>(na);
    for (int i = 0; i < na; i++) {
      accounts.add(
          new Account(
              PublicKey.wrap(r.fixed(PublicKey.SIZE, "account")), r.u64("balance"), readRoles(r)));
    }
    int ng = r.count(Limits.MAX_VALIDATORS, "governance signers");
    List<PublicKey> signers = new ArrayList<>(ng);
    for (int i = 0; i < ng; i++) {
      signers.add(PublicKey.wrap(r.fixed(PublicKey.SIZE, "signer")));
    }
    Genesis g =
        new Genesis(
            chainName,
            ts,
            t,
            timeout,
            leader,
            validators,
            accounts,
            signers,
            r.u16("threshold"),
            r.string(32, "powFunction"),
            Hash.wrap(r.fixed(Hash.SIZE, "powBaseTarget")),
            r.u32AsInt("powExpectedBlockMs"),
            r.u16("finalityNumerator"),
            r.u16("finalityDenominator"),
            r.u32AsInt("anchorEvery"),
            r.u32AsInt("maxBlockTxs"));
    r.finish("genesis");
    return g;
  }

  // ---- JSON file form ----

  /** Reads the JSON file form; unknown or missing members are errors. */
  public static Genesis fromJson(String json) {
    try {
      Map<String, Object> m = obj(Json.parse(json, Limits.MAX_GENESIS_BYTES), "genesis");
      only(
          m,
          "genesis",
          "chainName",
          "timestamp",
          "blockIntervalMs",
          "leaderTimeoutMs",
          "leader",
          "validators",
          "accounts",
          "governance",
          "pow",
          "finality",
          "anchorEvery",
          "maxBlockTxs");
      Map<String, Object> gov = obj(m.get("governance"), "governance");
      only(gov, "governance", "signers", "threshold");
      Map<String, Object> pow = obj(m.get("pow"), "pow");
      only(pow, "pow", "function", "baseTarget", "expectedBlockMs");
      Map<String, Object> fin = obj(m.get("finality"), "finality");
      only(fin, "finality", "numerator", "denominator");
      List<Validator> validators = new ArrayList<>();
      for (Object o : list(m.get("validators"), "validators")) {
        Map<String, Object> v = obj(o, "validator");
        only(v, "validator", "publicKey", "address", "stake", "roles");
        checkAddress(v);
        validators.add(
            new Validator(key(v.get("publicKey")), num(v.get("stake"), "stake"), roles(v)));
      }
      List<Account> accounts = new ArrayList<>();
      for (Object o : list(m.get("accounts"), "accounts")) {
        Map<String, Object> a = obj(o, "account");
        only(a, "account", "publicKey", "address", "balance", "roles");
        checkAddress(a);
        accounts.add(
            new Account(key(a.get("publicKey")), num(a.get("balance"), "balance"), roles(a)));
      }
      List<PublicKey> signers = new ArrayList<>();
      for (Object o : list(gov.get("signers"), "governance.signers")) {
        signers.add(key(o));
      }
      validators.sort(Comparator.comparing(Validator::key));
      accounts.sort(Comparator.comparing(Account::key));
      signers.sort(Comparator.naturalOrder());
      return new Genesis(
          str(m.get("chainName"), "chainName"),
          num(m.get("timestamp"), "timestamp"),
          int32(m.get("blockIntervalMs"), "blockIntervalMs"),
          int32(m.get("leaderTimeoutMs"), "leaderTimeoutMs"),
          key(m.get("leader")),
          validators,
          accounts,
          signers,
          u16(gov.get("threshold"), "governance.threshold"),
          str(pow.get("function"), "pow.function"),
          Hash.fromHex(str(pow.get("baseTarget"), "pow.baseTarget")),
          int32(pow.get("expectedBlockMs"), "pow.expectedBlockMs"),
          u16(fin.get("numerator"), "finality.numerator"),
          u16(fin.get("denominator"), "finality.denominator"),
          int32(m.get("anchorEvery"), "anchorEvery"),
          int32(m.get("maxBlockTxs"), "maxBlockTxs"));
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid(e.getMessage());
    }
  }

  public String toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("chainName", chainName);
    m.put("timestamp", timestampMillis);
    m.put("blockIntervalMs", (long) blockIntervalMs);
    m.put("leaderTimeoutMs", (long) leaderTimeoutMs);
    m.put("leader", leaderKey.toHex());
    List<Object> vs = new ArrayList<>();
    for (Validator v : validators) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("publicKey", v.key().toHex());
      o.put("address", v.key().address().toHex());
      o.put("stake", v.stake());
      o.put("roles", List.copyOf(v.roles()));
      vs.add(o);
    }
    m.put("validators", vs);
    List<Object> as = new ArrayList<>();
    for (Account a : accounts) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("publicKey", a.key().toHex());
      o.put("address", a.key().address().toHex());
      o.put("balance", a.balance());
      o.put("roles", List.copyOf(a.roles()));
      as.add(o);
    }
    m.put("accounts", as);
    Map<String, Object> gov = new LinkedHashMap<>();
    gov.put("signers", governanceSigners.stream().map(PublicKey::toHex).toList());
    gov.put("threshold", (long) governanceThreshold);
    m.put("governance", gov);
    Map<String, Object> pow = new LinkedHashMap<>();
    pow.put("function", powFunction);
    pow.put("baseTarget", powBaseTarget.toHex());
    pow.put("expectedBlockMs", (long) powExpectedBlockMs);
    m.put("pow", pow);
    Map<String, Object> fin = new LinkedHashMap<>();
    fin.put("numerator", (long) finalityNumerator);
    fin.put("denominator", (long) finalityDenominator);
    m.put("finality", fin);
    m.put("anchorEvery", (long) anchorEvery);
    m.put("maxBlockTxs", (long) maxBlockTxs);
    return Json.write(m);
  }

  private static void only(Map<String, Object> m, String what, String... allowed) {
    java.util.Set<String> known = java.util.Set.of(allowed);
    for (String name : m.keySet()) {
      if (!known.contains(name)) {
        throw invalid("unknown member \"" + name + "\" in " + what);
      }
    }
  }

  /** The address is informational in the file; when present it must match the key. */
  private static void checkAddress(Map<String, Object> m) {
    Object address = m.get("address");
    if (address != null && !address.equals(key(m.get("publicKey")).address().toHex())) {
      throw invalid("address " + address + " does not match its public key");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> obj(Object o, String what) {
    if (!(o instanceof Map)) {
      throw invalid(what + " must be an object");
    }
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o, String what) {
    if (!(o instanceof List<?> l)) {
      throw invalid(what + " must be an array");
    }
    return l;
  }

  private static String str(Object o, String what) {
    if (!(o instanceof String s)) {
      throw invalid(what + " must be a string");
    }
    return s;
  }

  private static int int32(Object o, String what) {
    long v = num(o, what);
    if (v > Integer.MAX_VALUE) {
      throw invalid(what + " must be at most 2^31-1");
    }
    return (int) v;
  }

  private static int u16(Object o, String what) {
    long v = num(o, what);
    if (v > 0xffff) {
      throw invalid(what + " must be at most 65535");
    }
    return (int) v;
  }

  private static long num(Object o, String what) {
    if (!(o instanceof Long l) || l < 0) {
      throw invalid(what + " must be a non-negative integer");
    }
    return l;
  }

  private static PublicKey key(Object o) {
    String hex = str(o, "public key");
    if (!hex.matches("[0-9a-f]{64}")) {
      throw invalid("a public key is 64 lower-case hex digits");
    }
    return PublicKey.fromHex(hex);
  }

  private static List<String> roles(Map<String, Object> m) {
    Object r = m.get("roles");
    if (r == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Object o : list(r, "roles")) {
      out.add(str(o, "role"));
    }
    return out;
  }
}
