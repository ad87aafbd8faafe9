package io.eris.node.infrastructure.config;

import io.eris.core.codec.CodecException;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyFile;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Genesis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The node's configuration, read through MicroProfile Config (system properties such as {@code
 * -Deris.genesis.file=...}, or environment variables such as {@code ERIS_GENESIS_FILE}). Loading
 * fails with a {@link ConfigurationException} whose message names the setting and the problem,
 * never with a bare stack trace.
 */
public record NodeConfig(
    Genesis genesis,
    KeyPair nodeKey,
    Optional<KeyPair> leaderKey,
    String nodeName,
    boolean standby) {
  public static final String GENESIS_FILE = "eris.genesis.file";
  public static final String GENESIS_HASH = "eris.genesis.hash";
  public static final String NODE_KEY_FILE = "eris.node.key.file";
  public static final String NODE_NAME = "eris.node.name";
  public static final String STANDBY = "eris.node.standby";
  public static final String LEADER_KEY_FILE = "eris.leader.key.file";

  /** A setting is missing or wrong; the node cannot start until it is fixed. */
  public static final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
      super(message);
    }
  }

  public static NodeConfig load() throws ConfigurationException {
    return load(ConfigProvider.getConfig());
  }

  static NodeConfig load(Config config) throws ConfigurationException {
    Path genesisFile = Path.of(required(config, GENESIS_FILE));
    Genesis genesis;
    try {
      genesis = Genesis.fromJson(Files.readString(genesisFile, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(GENESIS_FILE + ": no such file " + genesisFile);
    } catch (IOException e) {
      throw new ConfigurationException(GENESIS_FILE + ": cannot read " + genesisFile + ": " + e);
    } catch (CodecException e) {
      throw new ConfigurationException(
          GENESIS_FILE + ": " + genesisFile + " is not a valid genesis: " + e.getMessage());
    }
    Optional<String> trusted = config.getOptionalValue(GENESIS_HASH, String.class);
    if (trusted.isPresent() && !trusted.get().isBlank()) {
      Hash expected;
      try {
        expected = Hash.fromHex(trusted.get().trim().toLowerCase());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(GENESIS_HASH + " must be 64 hex digits");
      }
      if (!expected.equals(genesis.chainId())) {
        throw new ConfigurationException(
            "genesis file "
                + genesisFile
                + " has chain id "
                + genesis.chainId()
                + " but "
                + GENESIS_HASH
                + " trusts "
                + expected
                + "; refusing another chain");
      }
    }
    Path keyFile = Path.of(required(config, NODE_KEY_FILE));
    KeyPair key;
    try {
      key = KeyFile.read(keyFile);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(
          NODE_KEY_FILE + ": no such file " + keyFile + " (create one with eris-tool keygen)");
    } catch (IOException e) {
      throw new ConfigurationException(NODE_KEY_FILE + ": " + e.getMessage());
    }
    Optional<KeyPair> leaderKey = Optional.empty();
    Optional<String> leaderKeyFile =
        config.getOptionalValue(LEADER_KEY_FILE, String.class).filter(v -> !v.isBlank());
    if (leaderKeyFile.isPresent()) {
      try {
        leaderKey = Optional.of(KeyFile.read(Path.of(leaderKeyFile.get())));
      } catch (IOException e) {
        throw new ConfigurationException(LEADER_KEY_FILE + ": " + e.getMessage());
      }
      if (!leaderKey.get().publicKey().equals(genesis.leaderKey())) {
        throw new ConfigurationException(
            LEADER_KEY_FILE + " holds " + leaderKey.get().address() + ", not the genesis leader");
      }
    }
    String name = config.getOptionalValue(NODE_NAME, String.class).orElse("node");
    if (!name.matches("[a-zA-Z0-9_-]{1,32}")) {
      throw new ConfigurationException(NODE_NAME + " must be 1-32 chars of [a-zA-Z0-9_-]");
    }
    boolean standby = config.getOptionalValue(STANDBY, Boolean.class).orElse(false);
    return new NodeConfig(genesis, key, leaderKey, name, standby);
  }

  private static String required(Config config, String name) throws ConfigurationException {
    return config
        .getOptionalValue(name, String.class)
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new ConfigurationException(
                    name
                        + " is not set (system property "
                        + name
                        + " or environment variable "
                        + name.toUpperCase().replace('.', '_')
                        + ")"));
  }
}
