package io.eris.light;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.light.service.LightSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LightSettingsTest {
  private static final String HASH = "ab".repeat(32);

  private static LightSettings parse(Map<String, String> m) {
    return LightSettings.from(name -> Optional.ofNullable(m.get(name)));
  }

  @Test
  void nodesAreNamedByPositionUnlessNamedAndDefaultsApply() {
    LightSettings s =
        parse(
            Map.of(
                LightSettings.NODES,
                " http://127.0.0.1:9180/ ,bank-b=https://node.example:8443,",
                LightSettings.GENESIS_HASH,
                HASH));
    assertThat(s.nodes()).extracting(n -> n.name()).containsExactly("node1", "bank-b");
    assertThat(s.nodes().get(0).api("head").toString())
        .isEqualTo("http://127.0.0.1:9180/api/v1/head");
    assertThat(s.nodes().get(1).base().toString()).isEqualTo("https://node.example:8443");
    assertThat(s.requestTimeout().toMillis()).isEqualTo(5_000);
    assertThat(s.cacheTtlMs()).isEqualTo(2_000);
    assertThat(s.backoffMs()).isEqualTo(10_000);
  }

  @Test
  void eachMistakeNamesItsSetting() {
    assertThatThrownBy(() -> parse(Map.of(LightSettings.GENESIS_HASH, HASH)))
        .hasMessageContaining(LightSettings.NODES);
    assertThatThrownBy(() -> parse(Map.of(LightSettings.NODES, "http://127.0.0.1:1")))
        .hasMessageContaining(LightSettings.GENESIS_HASH);
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        LightSettings.NODES,
                        "http://127.0.0.1:1",
                        LightSettings.GENESIS_HASH,
                        HASH.toUpperCase())))
        .hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        LightSettings.NODES,
                        "ftp://127.0.0.1:1",
                        LightSettings.GENESIS_HASH,
                        HASH)))
        .hasMessageContaining(LightSettings.NODES);
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        LightSettings.NODES,
                        "http://user:secret@127.0.0.1:1",
                        LightSettings.GENESIS_HASH,
                        HASH)))
        .hasMessageContaining("without credentials");
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        LightSettings.NODES,
                        "a=http://127.0.0.1:1,a=http://127.0.0.1:2",
                        LightSettings.GENESIS_HASH,
                        HASH)))
        .hasMessageContaining("same name");
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(
                        LightSettings.NODES, "http://127.0.0.1:1",
                        LightSettings.GENESIS_HASH, HASH,
                        LightSettings.REQUEST_TIMEOUT_MS, "0")))
        .hasMessageContaining(LightSettings.REQUEST_TIMEOUT_MS);
  }
}
