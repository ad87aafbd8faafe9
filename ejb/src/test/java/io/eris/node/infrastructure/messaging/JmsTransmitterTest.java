package io.eris.node.infrastructure.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JmsTransmitterTest {
  private final JmsTransmitter transmitter = new JmsTransmitter();

  @Test
  void withoutPeersAnyNodeMayAnswer() {
    assertThat(transmitter.pickResponder(0)).isNull();
  }

  @Test
  void everyRequestGoesToOnePeerAndAllPeersGetAsked() {
    transmitter.peers("self", List.of("a", "b", "c"));
    Set<String> asked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String r = transmitter.pickResponder(i);
      transmitter.answeredBy(r);
      asked.add(r);
    }
    assertThat(asked).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void aPeerThatLeftARequestUnansweredIsSkippedForAWhile() {
    transmitter.peers("self", List.of("a", "b", "c"));
    String silent = transmitter.pickResponder(1_000);
    // No answer; the core asks again after its retry interval.
    for (long now = 3_000; now < 3_000 + JmsTransmitter.SUSPECT_MILLIS - 1_000; now += 100) {
      String r = transmitter.pickResponder(now);
      assertThat(r).isNotEqualTo(silent);
      transmitter.answeredBy(r);
    }
    Set<String> later = new HashSet<>();
    for (long now = 1_000 + JmsTransmitter.SUSPECT_MILLIS + 3_000; later.size() < 3; now += 100) {
      String r = transmitter.pickResponder(now);
      transmitter.answeredBy(r);
      later.add(r);
    }
    assertThat(later).as("asked again once the suspicion expired").contains(silent);
  }

  @Test
  void whenEveryPeerIsSuspectAnyMayBeAsked() {
    transmitter.peers("self", List.of("a", "b"));
    Set<String> asked = new HashSet<>();
    for (long now = 0; now < 100; now++) {
      asked.add(transmitter.pickResponder(now));
    }
    assertThat(asked).containsExactlyInAnyOrder("a", "b");
  }
}
