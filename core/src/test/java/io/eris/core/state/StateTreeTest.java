package io.eris.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.crypto.Hash;
import io.eris.core.state.TreeNode.Internal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StateTreeTest {
  private final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private Hash apply(Hash root, StateChange... changes) {
    UpdateResult result = StateTree.apply(store, root, List.of(changes));
    store.putAll(result.newNodes());
    return result.root();
  }

  @Test
  void keysAndValuesAreBoundedAtTheDocumentedLimits() {
    byte[] key = new byte[StateChange.MAX_KEY_BYTES];
    byte[] value = new byte[StateChange.MAX_VALUE_BYTES];
    Hash root = apply(Hash.ZERO, StateChange.put(key, value));
    assertThat(StateTree.get(store, root, key)).contains(value);

    byte[] longKey = new byte[StateChange.MAX_KEY_BYTES + 1];
    assertThatThrownBy(() -> StateChange.put(longKey, value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1025 bytes, limit 1024");
    assertThatThrownBy(() -> StateChange.delete(longKey))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateTree.get(store, root, longKey))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateTree.prove(store, root, longKey))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StateChange.put(key, new byte[StateChange.MAX_VALUE_BYTES + 1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65537 bytes, limit 65536");
  }

  @Test
  void twoChangesToOneKeyInOneUpdateAreRefused() {
    List<StateChange> changes =
        List.of(StateChange.put(b("k"), b("1")), StateChange.delete(b("k")));
    assertThatThrownBy(() -> StateTree.apply(store, Hash.ZERO, changes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two changes to one state key");
  }

  @Test
  void anUpdateThatChangesNothingCreatesNothing() {
    Hash root = apply(Hash.ZERO, StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2")));
    UpdateResult same =
        StateTree.apply(
            store,
            root,
            List.of(
                StateChange.put(b("a"), b("1")),
                StateChange.delete(b("absent")),
                StateChange.delete(b("also absent"))));
    assertThat(same.root()).isEqualTo(root);
    assertThat(same.newNodes()).isEmpty();
  }

  @Test
  void anUpdateReportsOnlyTheNodesOnTheTouchedPath() {
    List<StateChange> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(StateChange.put(b("key" + i), b("v")));
    }
    Hash root = apply(Hash.ZERO, many.toArray(new StateChange[0]));

    UpdateResult one = StateTree.apply(store, root, List.of(StateChange.put(b("key7"), b("w"))));
    int depth = StateTree.prove(store, root, b("key7")).depth();
    // the new leaf and one new internal node per level above it
    assertThat(one.newNodes()).hasSize(depth + 1);
    assertThat(one.newNodes().get(depth).hash()).isEqualTo(one.root());
  }

  @Test
  void theEmptyValueIsNotAbsence() {
    Hash root = apply(Hash.ZERO, StateChange.put(b("k"), new byte[0]));
    assertThat(root).isNotEqualTo(Hash.ZERO);
    assertThat(StateTree.get(store, root, b("k"))).contains(new byte[0]);
    assertThat(StateTree.prove(store, root, b("k")).verify(root, b("k"), new byte[0])).isTrue();
    assertThat(StateTree.prove(store, root, b("k")).verify(root, b("k"), null)).isFalse();
  }

  @Test
  void returnedValuesAreCopies() {
    Hash root = apply(Hash.ZERO, StateChange.put(b("k"), b("v")));
    StateTree.get(store, root, b("k")).orElseThrow()[0] = 'x';
    StateTree.forEach(store, root, (k, v) -> v[0] = 'x');
    assertThat(StateTree.get(store, root, b("k"))).contains(b("v"));
  }

  @Test
  void aMissingNodeIsAnErrorNotAnAbsence() {
    Hash root = apply(Hash.ZERO, StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2")));
    InMemoryTreeNodeStore partial = new InMemoryTreeNodeStore();
    partial.putAll(List.of(store.get(root).orElseThrow()));
    assertThatThrownBy(() -> StateTree.get(partial, root, b("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state tree node missing");
    assertThatThrownBy(() -> StateTree.apply(partial, root, List.of(StateChange.delete(b("a")))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aChainDeeperThanAPathIsRefusedNotFollowed() {
    byte[] key = b("deep");
    byte[] path = Hash.sha256(key).unsafeBytes();
    TreeNode bottom = TreeNode.decode(new byte[] {0, 0, 0, 0, 1, 'x', 0, 0, 0, 0});
    store.putAll(List.of(bottom));
    Hash at = bottom.hash();
    for (int depth = 299; depth >= 0; depth--) {
      boolean right = depth < 256 && StateTree.bit(path, depth) == 1;
      Internal node = right ? new Internal(Hash.ZERO, at) : new Internal(at, Hash.ZERO);
      store.putAll(List.of(node));
      at = node.hash();
    }
    Hash root = at;
    assertThatThrownBy(() -> StateTree.get(store, root, key))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("internal node at depth 256");
    assertThatThrownBy(() -> StateTree.prove(store, root, key))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> StateTree.apply(store, root, List.of(StateChange.delete(key))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void forEachWalksAnOldStateInPathOrder() {
    Hash first = apply(Hash.ZERO, StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2")));
    apply(first, StateChange.delete(b("a")), StateChange.put(b("c"), b("3")));
    List<Map.Entry<String, String>> seen = new ArrayList<>();
    StateTree.forEach(
        store, first, (k, v) -> seen.add(Map.entry(new String(k, UTF_8), new String(v, UTF_8))));
    // path("b") starts 0x3e, path("a") 0xca
    assertThat(seen).containsExactly(Map.entry("b", "2"), Map.entry("a", "1"));
    assertThat(StateTree.get(store, first, b("c"))).isEqualTo(Optional.empty());
  }
}
