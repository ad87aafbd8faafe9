package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.VoteJournal;
import io.eris.core.model.Vote;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/**
 * This validator's own votes. {@link #record} writes the vote and the voting height in the caller's
 * transaction; the host sends the vote only after that transaction commits.
 */
@ApplicationScoped
public class JpaVoteJournal implements VoteJournal {
  @PersistenceContext(unitName = "eris")
  EntityManager em;

  private volatile String voter;

  /** Whose votes this journal keeps (the node's validator address). */
  public void voter(String address) {
    this.voter = address;
  }

  @Override
  public long lastVotedHeight() {
    VotingRecordEntity r = em.find(VotingRecordEntity.class, VotingRecordEntity.ID);
    return r == null ? 0 : Math.max(0, r.lastVotedHeight());
  }

  @Override
  public void record(Vote vote) {
    VotingRecordEntity r = em.find(VotingRecordEntity.class, VotingRecordEntity.ID);
    if (r == null) {
      em.persist(new VotingRecordEntity(vote.height()));
    } else if (vote.height() > r.lastVotedHeight()) {
      r.votedAt(vote.height());
    }
    VoteEntity.Key key = new VoteEntity.Key();
    key.voter = vote.voter().address().toHex();
    key.height = vote.height();
    key.blockHash = vote.blockHash().toHex();
    if (em.find(VoteEntity.class, key) == null) {
      em.persist(new VoteEntity(vote, Instant.now()));
    }
  }

  @Override
  public List<Vote> votesAbove(long height) {
    return em
        .createQuery(
            "select v from VoteEntity v where v.voter = :voter and v.height > :h order by v.height",
            VoteEntity.class)
        .setParameter("voter", voter)
        .setParameter("h", height)
        .getResultList()
        .stream()
        .map(VoteEntity::toVote)
        .toList();
  }
}
