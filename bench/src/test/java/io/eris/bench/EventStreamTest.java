package io.eris.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventStreamTest {
  @Test
  void readsFlatJsonMembersWithoutAParser() {
    String tx =
        "{\"hash\":\"ab12\",\"status\":\"FINAL\",\"sender\":\"00ff\",\"nonce\":7,"
            + "\"kind\":\"TRANSFER\",\"height\":42,\"blockHash\":\"cd\",\"blockKind\":\"LEADER\"}";
    assertEquals("ab12", EventStream.field(tx, "hash"));
    assertEquals("FINAL", EventStream.field(tx, "status"));
    assertEquals("LEADER", EventStream.field(tx, "blockKind"));
    assertEquals(42L, EventStream.number(tx, "height"));
    assertNull(EventStream.field(tx, "nonce")); // a number, not a string
    assertNull(EventStream.field(tx, "missing"));
    assertEquals(-1L, EventStream.number("{\"finalHeight\": -1}", "finalHeight"));
  }

  @Test
  void decodesAChunkedBody() throws Exception {
    String wire = "5\r\nevent\r\n7;ext=1\r\n: tx\r\nd\r\n0\r\n\r\n";
    InputStream in =
        new HttpConn.ChunkedInputStream(
            new ByteArrayInputStream(wire.getBytes(StandardCharsets.ISO_8859_1)));
    assertEquals("event: tx\r\nd", new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }
}
