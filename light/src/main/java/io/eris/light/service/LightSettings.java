package io.eris.light.service;

import io.eris.core.crypto.Hash;
import io.eris.light.node.NodeEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The light service's settings (MicroProfile Config names; the README's configuration table lists
 * them). Parsing checks every value and names the setting in its error, so a misconfigured service
 * says exactly what to fix.
 */
public record LightSettings(
    List<NodeEndpoint> nodes,
    Hash genesisHash,
    Duration connectTimeout,
    Duration requestTimeout,
    long backoffMs,
    int cacheSize,
    long cacheTtlMs,
    long cacheStaleMs,
    long probeIntervalMs,
    long readyWithinMs) {
  public static final String NODES = "eris.light.nodes";
  public static final String GENESIS_HASH = "eris.light.genesis.hash";
  public static final String CONNECT_TIMEOUT_MS = "eris.light.connect.timeout.ms";
  public static final String REQUEST_TIMEOUT_MS = "eris.light.request.timeout.ms";
  public static final String BACKOFF_MS = "eris.light.backoff.ms";
  public static final String CACHE_SIZE = "eris.light.cache.size";
  public static final String CACHE_TTL_MS = "eris.light.cache.ttl.ms";
  public static final String CACHE_STALE_MS = "eris.light.cache.stale.ms";
  public static final String PROBE_INTERVAL_MS = "eris.light.probe.interval.ms";
  public static final String READY_WITHIN_MS = "eris.light.ready.within.ms";

  public LightSettings {
    nodes = List.copyOf(nodes);
  }

  /**
   * Reads the settings through {@code setting} (a name to its value, empty when unset).
   *
   * @throws IllegalArgumentException naming the setting that is missing or wrong
   */
  public static LightSettings from(Function<String, Optional<String>> setting) {
    String list =
        setting
            .apply(NODES)
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        NODES + " is not set: give the full nodes' base URLs, comma-separated"));
    List<NodeEndpoint> nodes = new ArrayList<>();
    for (String entry : list.split(",")) {
      if (!entry.isBlank()) {
        try {
          nodes.add(NodeEndpoint.parse(entry, nodes.size() + 1));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(NODES + ": " + e.getMessage(), e);
        }
      }
    }
    if (nodes.stream().map(NodeEndpoint::name).distinct().count() != nodes.size()) {
      throw new IllegalArgumentException(NODES + ": two nodes have the same name");
    }
    String hash =
        setting
            .apply(GENESIS_HASH)
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        GENESIS_HASH
                            + " is not set: the trusted chain id (64 hex digits) is required"));
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(GENESIS_HASH + " must be 64 lower-case hex digits");
    }
    return new LightSettings(
        nodes,
        Hash.fromHex(hash),
        Duration.ofMillis(number(setting, CONNECT_TIMEOUT_MS, 2_000, 1)),
        Duration.ofMillis(number(setting, REQUEST_TIMEOUT_MS, 5_000, 1)),
        number(setting, BACKOFF_MS, 10_000, 0),
        (int) Math.min(number(setting, CACHE_SIZE, 10_000, 0), 1_000_000),
        number(setting, CACHE_TTL_MS, 2_000, 0),
        number(setting, CACHE_STALE_MS, 600_000, 0),
        number(setting, PROBE_INTERVAL_MS, 10_000, 0),
        number(setting, READY_WITHIN_MS, 30_000, 1));
  }

  private static long number(
      Function<String, Optional<String>> setting, String name, long fallback, long min) {
    Optional<String> v = setting.apply(name).map(String::trim).filter(s -> !s.isEmpty());
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.get());
      if (n < min) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer >= " + min + ": " + v.get());
    }
  }
}
