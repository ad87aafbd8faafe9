package io.eris.light.node;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A node's HTTP answer, its body bounded in size. */
public record NodeResponse(int status, Optional<String> contentType, byte[] body) {
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
