package io.eris.core.tools;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyFile;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.PowTargets;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Command-line tool for operators: make keys, write a genesis file, print a chain id. Exit codes: 0
 * done, 1 failed (message on stderr), 2 bad usage.
 */
public final class ErisTool {
  /** Double SHA-256 per second assumed when no measurement is given (one core, conservative). */
  static final long DEFAULT_HASH_RATE = 2_000_000L;

  private ErisTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      usage(err);
      return 2;
    }
    try {
      switch (args[0]) {
        case "keygen" -> keygen(args, out);
        case "genesis" -> genesis(args, out);
        case "chain-id" -> chainId(args, out);
        case "write" -> write(args, out);
        case "transfer" -> transfer(args, out);
        default -> {
          usage(err);
          return 2;
        }
      }
      return 0;
    } catch (UsageException e) {
      err.println("eris-tool: " + e.getMessage());
      usage(err);
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("eris-tool: " + e.getMessage());
      return 1;
    }
  }

  private static void usage(PrintStream err) {
    err.println(
        """
        usage: eris-tool keygen --out FILE
               eris-tool genesis --out FILE --leader-key FILE [--validator-key FILE]...
                         [--account-key FILE]... [--governance-key FILE]... [--threshold M]
                         [--chain-name NAME] [--t-ms N] [--leader-timeout-ms N]
                         [--pow-expected-ms N] [--hash-rate H] [--balance N]
                         [--leader-not-validator]   (a hot-standby pair's shared leader key)
               eris-tool chain-id GENESIS_FILE
               eris-tool write --key FILE --chain-id HEX --nonce N [--namespace NS]
                         (--put KEY=VALUE | --delete KEY)...
               eris-tool transfer --key FILE --chain-id HEX --nonce N --to ADDRESS --amount N
                         [--memo TEXT]
        write and transfer print the signed transaction as hex (POST it to /api/v1/txs).""");
  }

  private static void keygen(String[] args, PrintStream out) throws IOException {
    Path file = Path.of(required(args, "--out"));
    KeyPair key = io.eris.core.crypto.Ed25519.generate();
    KeyFile.write(file, key);
    out.println(key.address().toHex());
  }

  private static void genesis(String[] args, PrintStream out) throws IOException {
    Path file = Path.of(required(args, "--out"));
    PublicKey leader = KeyFile.read(Path.of(required(args, "--leader-key"))).publicKey();
    List<PublicKey> validatorKeys = keys(args, "--validator-key");
    boolean leaderStakes = !flag(args, "--leader-not-validator");
    if (leaderStakes && !validatorKeys.contains(leader)) {
      validatorKeys.add(0, leader);
    }
    if (validatorKeys.isEmpty()) {
      throw new UsageException("--leader-not-validator needs at least one --validator-key");
    }
    List<PublicKey> accountKeys = keys(args, "--account-key");
    List<PublicKey> governance = keys(args, "--governance-key");
    if (governance.isEmpty()) {
      governance.addAll(validatorKeys);
    }
    int threshold =
        Integer.parseInt(optional(args, "--threshold", String.valueOf(governance.size() / 2 + 1)));
    int t = Integer.parseInt(optional(args, "--t-ms", "250"));
    int timeout =
        Integer.parseInt(
            optional(args, "--leader-timeout-ms", String.valueOf(Math.max(8 * t, 2000))));
    int powMs = Integer.parseInt(optional(args, "--pow-expected-ms", String.valueOf(4 * t)));
    long hashRate =
        Long.parseLong(optional(args, "--hash-rate", String.valueOf(DEFAULT_HASH_RATE)));
    long balance = Long.parseLong(optional(args, "--balance", "1000000"));

    List<Genesis.Validator> validators = new ArrayList<>();
    for (PublicKey k : validatorKeys) {
      validators.add(new Genesis.Validator(k, 100, List.of("validator")));
    }
    List<Genesis.Account> accounts = new ArrayList<>();
    for (PublicKey k : accountKeys) {
      accounts.add(new Genesis.Account(k, balance, List.of("writer:shared")));
    }
    validators.sort((a, b) -> a.key().compareTo(b.key()));
    accounts.sort((a, b) -> a.key().compareTo(b.key()));
    governance.sort(null);
    Genesis g =
        new Genesis(
            optional(args, "--chain-name", "eris-dev"),
            System.currentTimeMillis(),
            t,
            timeout,
            leader,
            validators,
            accounts,
            List.copyOf(new java.util.TreeSet<>(governance)),
            threshold,
            Genesis.POW_SHA256D,
            PowTargets.forHashRate(hashRate, powMs),
            powMs,
            2,
            3,
            100,
            5000);
    if (Files.exists(file)) {
      throw new IOException(file + " exists; refusing to overwrite a genesis");
    }
    Files.writeString(file, g.toJson(), StandardCharsets.UTF_8);
    out.println(g.chainId().toHex());
  }

  private static void chainId(String[] args, PrintStream out) throws IOException {
    if (args.length != 2) {
      throw new UsageException("chain-id takes one file");
    }
    Genesis g = Genesis.fromJson(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8));
    out.println(g.chainId().toHex());
  }

  private static void write(String[] args, PrintStream out) throws IOException {
    java.util.TreeMap<byte[], WriteBody.Op> ops =
        new java.util.TreeMap<>(java.util.Arrays::compareUnsigned);
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals("--put")) {
        String[] kv = args[i + 1].split("=", 2);
        if (kv.length != 2) {
          throw new UsageException("--put takes KEY=VALUE");
        }
        byte[] key = kv[0].getBytes(StandardCharsets.UTF_8);
        ops.put(key, WriteBody.Op.put(key, kv[1].getBytes(StandardCharsets.UTF_8)));
      } else if (args[i].equals("--delete")) {
        byte[] key = args[i + 1].getBytes(StandardCharsets.UTF_8);
        ops.put(key, WriteBody.Op.delete(key));
      }
    }
    if (ops.isEmpty()) {
      throw new UsageException("write needs at least one --put or --delete");
    }
    WriteBody body = new WriteBody(optional(args, "--namespace", ""), List.copyOf(ops.values()));
    signAndPrint(args, TxKind.WRITE, body.encode(), out);
  }

  private static void transfer(String[] args, PrintStream out) throws IOException {
    TransferBody body =
        new TransferBody(
            Address.fromHex(required(args, "--to")),
            Long.parseLong(required(args, "--amount")),
            optional(args, "--memo", ""));
    signAndPrint(args, TxKind.TRANSFER, body.encode(), out);
  }

  private static void signAndPrint(String[] args, TxKind kind, byte[] body, PrintStream out)
      throws IOException {
    KeyPair key = KeyFile.read(Path.of(required(args, "--key")));
    Hash chainId = Hash.fromHex(required(args, "--chain-id"));
    long nonce = Long.parseLong(required(args, "--nonce"));
    out.println(
        HexFormat.of().formatHex(Transaction.sign(key, chainId, nonce, kind, body).encode()));
  }

  private static List<PublicKey> keys(String[] args, String flag) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(flag)) {
        PublicKey k = KeyFile.read(Path.of(args[i + 1])).publicKey();
        if (!keys.contains(k)) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  private static boolean flag(String[] args, String flag) {
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals(flag)) {
        return true;
      }
    }
    return false;
  }

  private static String required(String[] args, String flag) {
    String v = optional(args, flag, null);
    if (v == null) {
      throw new UsageException(flag + " is required");
    }
    return v;
  }

  private static String optional(String[] args, String flag, String dflt) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(flag)) {
        return args[i + 1];
      }
    }
    return dflt;
  }

  private static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String m) {
      super(m);
    }
  }
}
