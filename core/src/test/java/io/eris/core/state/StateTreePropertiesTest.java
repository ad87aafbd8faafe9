package io.eris.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import io.eris.core.state.TreeNode.Internal;
import io.eris.core.state.TreeNode.Leaf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The tree against a TreeMap model, over random blocks of puts and deletes. */
class StateTreePropertiesTest {

  /** One write: a null value deletes. */
  record Op(String key, byte[] value) {
    @Override
    public String toString() {
      return value == null ? "del " + key : "put " + key + "=" + value.length + "b";
    }
  }

  /** A node store and the root and model content after each block. */
  static final class Run {
    final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    final List<Hash> roots = new ArrayList<>();
    final List<TreeMap<String, byte[]>> contents = new ArrayList<>();

    Run(List<List<Op>> blocks) {
      Hash root = Hash.ZERO;
      TreeMap<String, byte[]> model = new TreeMap<>();
      roots.add(root);
      contents.add(new TreeMap<>(model));
      for (List<Op> block : blocks) {
        Map<String, byte[]> last = new LinkedHashMap<>();
        block.forEach(op -> last.put(op.key(), op.value()));
        List<StateChange> changes = new ArrayList<>();
        last.forEach(
            (key, value) -> {
              changes.add(
                  value == null ? StateChange.delete(b(key)) : StateChange.put(b(key), value));
              if (value == null) {
                model.remove(key);
              } else {
                model.put(key, value);
              }
            });
        root = apply(store, root, changes);
        roots.add(root);
        contents.add(new TreeMap<>(model));
      }
    }

    Hash root() {
      return roots.get(roots.size() - 1);
    }

    TreeMap<String, byte[]> content() {
      return contents.get(contents.size() - 1);
    }
  }

  static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  /** Applies and persists only the nodes the update reports as new, checking their codec. */
  static Hash apply(InMemoryTreeNodeStore store, Hash root, List<StateChange> changes) {
    UpdateResult result = StateTree.apply(store, root, changes);
    for (TreeNode node : result.newNodes()) {
      byte[] encoded = node.encode();
      TreeNode decoded = TreeNode.decode(encoded);
      assertThat(decoded.hash()).isEqualTo(node.hash());
      assertThat(decoded.encode()).isEqualTo(encoded);
    }
    store.putAll(result.newNodes());
    return result.root();
  }

  static Map<String, byte[]> entries(InMemoryTreeNodeStore store, Hash root) {
    Map<String, byte[]> out = new TreeMap<>();
    StateTree.forEach(store, root, (k, v) -> out.put(new String(k, UTF_8), v));
    return out;
  }

  /** Checks the canonical shape below {@code hash} and returns its number of leaves. */
  static int assertCanonical(InMemoryTreeNodeStore store, Hash hash, int depth, byte[] prefix) {
    if (hash.equals(Hash.ZERO)) {
      return 0;
    }
    TreeNode node = store.get(hash).orElseThrow();
    if (node instanceof Leaf leaf) {
      for (int i = 0; i < depth; i++) {
        assertThat(StateTree.bit(leaf.path.unsafeBytes(), i))
            .as("bit %d of a leaf at depth %d", i, depth)
            .isEqualTo(StateTree.bit(prefix, i));
      }
      return 1;
    }
    Internal internal = (Internal) node;
    byte[] leftPrefix = prefix.clone();
    byte[] rightPrefix = prefix.clone();
    rightPrefix[depth >>> 3] |= (byte) (0x80 >>> (depth & 7));
    int left = assertCanonical(store, internal.left, depth + 1, leftPrefix);
    int right = assertCanonical(store, internal.right, depth + 1, rightPrefix);
    assertThat(left + right)
        .as("leaves under an internal node at depth %d", depth)
        .isGreaterThan(1);
    return left + right;
  }

  static boolean same(Map<String, byte[]> a, Map<String, byte[]> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
  }

  @Provide
  Arbitrary<List<List<Op>>> blocks() {
    Arbitrary<String> keys =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'f').ofMaxLength(2),
            Arbitraries.strings().alpha().ofMinLength(3).ofMaxLength(12));
    Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(6).injectNull(0.3);
    Arbitrary<Op> ops = Combinators.combine(keys, values).as(Op::new);
    return ops.list().ofMaxSize(20).list().ofMaxSize(10);
  }

  @Property(tries = 300)
  void everyRootKeepsAnsweringWithItsOwnContent(@ForAll("blocks") List<List<Op>> blocks) {
    Run run = new Run(blocks);
    for (int i = 0; i < run.roots.size(); i++) {
      Hash root = run.roots.get(i);
      TreeMap<String, byte[]> content = run.contents.get(i);
      assertThat(assertCanonical(run.store, root, 0, new byte[32])).isEqualTo(content.size());
      assertThat(same(entries(run.store, root), content)).as("entries at block %d", i).isTrue();
      for (TreeMap<String, byte[]> other : run.contents) {
        for (String key : other.keySet()) {
          Optional<byte[]> got = StateTree.get(run.store, root, b(key));
          assertThat(got.orElse(null)).as("get %s at block %d", key, i).isEqualTo(content.get(key));
        }
      }
    }
  }

  @Property(tries = 300)
  void rootDependsOnlyOnContent(@ForAll("blocks") List<List<Op>> blocks, @ForAll Random random) {
    Run run = new Run(blocks);
    List<StateChange> all = new ArrayList<>();
    run.content().forEach((k, v) -> all.add(StateChange.put(b(k), v)));

    InMemoryTreeNodeStore oneBatch = new InMemoryTreeNodeStore();
    assertThat(apply(oneBatch, Hash.ZERO, all)).isEqualTo(run.root());

    Collections.shuffle(all, random);
    InMemoryTreeNodeStore oneByOne = new InMemoryTreeNodeStore();
    Hash root = Hash.ZERO;
    for (StateChange change : all) {
      root = apply(oneByOne, root, List.of(change));
    }
    assertThat(root).isEqualTo(run.root());
  }

  @Property(tries = 300)
  void deletingEverythingLeavesTheEmptyRoot(
      @ForAll("blocks") List<List<Op>> blocks, @ForAll Random random) {
    Run run = new Run(blocks);
    List<String> keys = new ArrayList<>(run.content().keySet());
    Collections.shuffle(keys, random);
    int half = keys.size() / 2;
    Hash root =
        apply(
            run.store,
            run.root(),
            keys.subList(0, half).stream().map(k -> StateChange.delete(b(k))).toList());

    List<StateChange> rest = new ArrayList<>();
    keys.subList(half, keys.size())
        .forEach(k -> rest.add(StateChange.put(b(k), run.content().get(k))));
    assertThat(root).isEqualTo(apply(new InMemoryTreeNodeStore(), Hash.ZERO, rest));

    root =
        apply(
            run.store,
            root,
            keys.subList(half, keys.size()).stream().map(k -> StateChange.delete(b(k))).toList());
    assertThat(root).isEqualTo(Hash.ZERO);
  }

  @Property(tries = 300)
  void proofsProveWhatIsThereAndNothingElse(
      @ForAll("blocks") List<List<Op>> blocks,
      @ForAll @Size(max = 10) List<@StringLength(min = 13, max = 20) String> absent) {
    Run run = new Run(blocks);
    Hash root = run.root();
    TreeMap<String, byte[]> content = run.content();
    Hash otherRoot = Hash.sha256(root.toBytes());
    for (Map.Entry<String, byte[]> e : content.entrySet()) {
      byte[] key = b(e.getKey());
      StateProof proof = StateProof.decode(StateTree.prove(run.store, root, key).encode());
      assertThat(proof.verify(root, key, e.getValue())).isTrue();
      assertThat(proof.verify(root, key, null)).isFalse();
      assertThat(proof.verify(root, key, wrong(e.getValue()))).isFalse();
      assertThat(proof.verify(otherRoot, key, e.getValue())).isFalse();
      assertThat(proof.verify(root, b(e.getKey() + "x"), e.getValue())).isFalse();
      for (Map.Entry<String, byte[]> o : content.entrySet()) {
        if (!o.getKey().equals(e.getKey())) {
          assertThat(proof.verify(root, b(o.getKey()), o.getValue())).isFalse();
          assertThat(proof.verify(root, b(o.getKey()), null)).isFalse();
        }
      }
    }
    for (String missing : absent) {
      byte[] key = b(missing);
      StateProof proof = StateProof.decode(StateTree.prove(run.store, root, key).encode());
      assertThat(proof.verify(root, key, null)).isTrue();
      assertThat(proof.verify(root, key, new byte[0])).isFalse();
      assertThat(proof.verify(otherRoot, key, null)).isFalse();
      for (Map.Entry<String, byte[]> o : content.entrySet()) {
        assertThat(proof.verify(root, b(o.getKey()), o.getValue())).isFalse();
        assertThat(proof.verify(root, b(o.getKey()), null)).isFalse();
      }
    }
  }

  @Property(tries = 200)
  void anyFlippedByteBreaksAProof(
      @ForAll("blocks") List<List<Op>> blocks,
      @ForAll String probe,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    Run run = new Run(blocks);
    Hash root = run.root();
    List<String> keys = new ArrayList<>(run.content().keySet());
    keys.add(probe);
    for (String k : keys) {
      byte[] key = b(k);
      byte[] value = run.content().get(k);
      byte[] encoded = StateTree.prove(run.store, root, key).encode();
      assertThat(StateProof.decode(encoded).verify(root, key, value)).isTrue();
      for (int i = 0; i < encoded.length; i++) {
        byte[] tampered = encoded.clone();
        tampered[i] ^= (byte) mask;
        assertThat(verifies(tampered, root, key, value))
            .as("flipped byte %d of %s", i, k)
            .isFalse();
      }
    }
  }

  private static boolean verifies(byte[] encoded, Hash root, byte[] key, byte[] value) {
    try {
      return StateProof.decode(encoded).verify(root, key, value);
    } catch (IllegalArgumentException rejected) {
      return false;
    }
  }

  /** A value other than {@code value}. */
  private static byte[] wrong(byte[] value) {
    if (value.length == 0) {
      return new byte[] {0};
    }
    byte[] out = value.clone();
    out[0] ^= 1;
    return out;
  }
}
