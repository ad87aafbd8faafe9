package io.eris.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void parsesAndWritesBack() {
    Object v = Json.parse("{\"a\": [1, -2, \"x\\n\", true, null], \"b\": {}}", 1000);
    assertThat(v)
        .isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -2L, "x\n", true, null), "b", Map.of()));
    assertThat(Json.parse(Json.write(v), 1000)).isEqualTo(v);
  }

  @Test
  void refusesMalformedInput() {
    for (String bad :
        List.of("{", "{\"a\":1,}", "[01]", "{\"a\":1,\"a\":2}", "\"\\q\"", "[1] x", "nul")) {
      assertThatThrownBy(() -> Json.parse(bad, 1000))
          .as(bad)
          .extracting(e -> ((CodecException) e).code())
          .isEqualTo(ErrorCode.MALFORMED_JSON);
    }
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100), 1000))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Json.parse("[1]", 2))
        .extracting(e -> ((CodecException) e).code())
        .isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
  }
}
