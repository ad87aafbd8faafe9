package io.eris.light.node;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * A full node the light service may ask: a short name (what answers and logs show; host names never
 * leave the service) and its base URL ({@code http://host:port}, the API under {@code /api/v1}).
 */
public record NodeEndpoint(String name, URI base) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,31}");

  public NodeEndpoint {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a node name is 1-32 characters of [a-z0-9_.-]: \"" + name + "\"");
    }
    if (!base.isAbsolute()
        || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
        || base.getHost() == null
        || base.getRawUserInfo() != null
        || base.getRawQuery() != null
        || base.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "a node URL is http(s)://host[:port][/path], without credentials or query: " + base);
    }
  }

  /**
   * Parses one entry of {@code eris.light.nodes}: {@code URL} or {@code name=URL}; unnamed nodes
   * are called {@code node<position>} (1-based).
   */
  public static NodeEndpoint parse(String entry, int position) {
    String s = entry.trim();
    String name = "node" + position;
    int eq = s.indexOf('=');
    if (eq > 0 && !s.substring(0, eq).contains(":")) {
      name = s.substring(0, eq);
      s = s.substring(eq + 1).trim();
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    try {
      return new NodeEndpoint(name, URI.create(s));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad node entry \"" + entry + "\": " + e.getMessage(), e);
    }
  }

  /** The URI of an API path, e.g. {@code accounts/ab..}, under {@code /api/v1/}. */
  public URI api(String path) {
    return URI.create(base + "/api/v1/" + path);
  }
}
