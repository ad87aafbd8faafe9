package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Vote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The votes a node holds for heights that are not final yet: the first vote of each validator at
 * each height, the voters of each block, and equivocation evidence when a validator signs a second,
 * different vote at a height. Signatures are checked before votes get here.
 */
final class VoteBook {
  /** What adding a vote did; EQUIVOCATION only the first time a voter is caught at a height. */
  enum Outcome {
    NEW,
    DUPLICATE,
    EQUIVOCATION
  }

  private final TreeMap<Long, Map<PublicKey, Vote>> byHeight = new TreeMap<>();
  private final Map<Long, Set<PublicKey>> equivocators = new HashMap<>();
  private final Map<VoterHeight, EquivocationEvidence> evidence = new LinkedHashMap<>();
  private final int maxEvidence;
  private EquivocationEvidence latest;

  VoteBook(int maxEvidence) {
    this.maxEvidence = maxEvidence;
  }

  Outcome add(Vote vote) {
    Map<PublicKey, Vote> atHeight = byHeight.computeIfAbsent(vote.height(), h -> new HashMap<>());
    Vote first = atHeight.get(vote.voter());
    if (first == null) {
      atHeight.put(vote.voter(), vote);
      return Outcome.NEW;
    }
    if (first.blockHash().equals(vote.blockHash())) {
      return Outcome.DUPLICATE;
    }
    if (!equivocators.computeIfAbsent(vote.height(), h -> new HashSet<>()).add(vote.voter())) {
      return Outcome.DUPLICATE;
    }
    latest = new EquivocationEvidence(first, vote);
    if (evidence.size() < maxEvidence) {
      evidence.put(new VoterHeight(vote.voter(), vote.height()), latest);
    }
    return Outcome.EQUIVOCATION;
  }

  /** The stake in {@code set} of the validators that voted for {@code block} at {@code height}. */
  long stakeFor(long height, Hash block, ValidatorSet set) {
    Map<PublicKey, Vote> atHeight = byHeight.get(height);
    if (atHeight == null) {
      return 0;
    }
    long stake = 0;
    for (Vote v : atHeight.values()) {
      if (v.blockHash().equals(block)) {
        stake += set.stakeOf(v.voter());
      }
    }
    return stake;
  }

  /**
   * The stake in {@code set} that voted at {@code height} for a block other than {@code block},
   * leaving out equivocators: they might have voted for {@code block} as well.
   */
  long stakeAgainst(long height, Hash block, ValidatorSet set) {
    Map<PublicKey, Vote> atHeight = byHeight.get(height);
    if (atHeight == null) {
      return 0;
    }
    Set<PublicKey> excluded = equivocators.getOrDefault(height, Set.of());
    long stake = 0;
    for (Vote v : atHeight.values()) {
      if (!v.blockHash().equals(block) && !excluded.contains(v.voter())) {
        stake += set.stakeOf(v.voter());
      }
    }
    return stake;
  }

  /** The votes held at heights {@code from..to}, at most {@code max} of them. */
  List<Vote> votesBetween(long from, long to, int max) {
    List<Vote> out = new ArrayList<>();
    for (Map<PublicKey, Vote> atHeight : byHeight.subMap(from, true, to, true).values()) {
      for (Vote v : atHeight.values()) {
        if (out.size() >= max) {
          return out;
        }
        out.add(v);
      }
    }
    return out;
  }

  /** Forgets the votes below {@code height}; evidence is kept. */
  void pruneBelow(long height) {
    byHeight.headMap(height).clear();
    equivocators.keySet().removeIf(h -> h < height);
  }

  /** The evidence found by the last add that returned EQUIVOCATION. */
  EquivocationEvidence latestEvidence() {
    return latest;
  }

  List<EquivocationEvidence> evidence() {
    return List.copyOf(evidence.values());
  }

  private record VoterHeight(PublicKey voter, long height) {}
}
