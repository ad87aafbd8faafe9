package io.eris.node.infrastructure.persistence;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Genesis;
import io.eris.core.model.Vote;
import io.eris.core.state.TreeNode;
import io.eris.core.state.TreeNodeStore;
import io.eris.node.application.ChainRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The chain's storage in the node's own database, through JPA. Callers own the transaction. */
@ApplicationScoped
public class JpaChainRepository implements ChainRepository {
  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Override
  public Optional<String> storedChainId() {
    NodeMetaEntity meta = em.find(NodeMetaEntity.class, NodeMetaEntity.ID);
    return Optional.ofNullable(meta).map(NodeMetaEntity::chainId);
  }

  @Override
  public void initialise(Genesis genesis, String nodeAddress, Block genesisBlock, Instant now) {
    em.persist(new NodeMetaEntity(genesis.chainId().toHex(), genesis.encode(), nodeAddress, now));
    em.persist(new BlockEntity(genesisBlock, true, now));
    String hash = genesisBlock.hash().toHex();
    em.persist(new ChainHeadEntity(hash, 0, hash, 0, now));
  }

  @Override
  public Head head() {
    ChainHeadEntity h = em.find(ChainHeadEntity.class, ChainHeadEntity.ID);
    if (h == null) {
      throw new IllegalStateException("chain not initialised");
    }
    return new Head(
        Hash.fromHex(h.blockHash()), h.height(), Hash.fromHex(h.finalHash()), h.finalHeight());
  }

  @Override
  public boolean contains(Hash hash) {
    return em.find(BlockEntity.class, hash.toHex()) != null;
  }

  @Override
  public Optional<Block> byHash(Hash hash) {
    return Optional.ofNullable(em.find(BlockEntity.class, hash.toHex())).map(BlockEntity::toBlock);
  }

  @Override
  public Optional<Block> canonicalAt(long height) {
    List<BlockEntity> found =
        em.createNamedQuery("Block.canonicalAt", BlockEntity.class)
            .setParameter("height", height)
            .getResultList();
    return found.stream().findFirst().map(BlockEntity::toBlock);
  }

  @Override
  public void putStateNodes(Collection<TreeNode> nodes) {
    for (TreeNode n : nodes) {
      String key = n.hash().toHex();
      if (em.find(StateNodeEntity.class, key) == null) {
        em.persist(new StateNodeEntity(key, n.encode()));
      }
    }
  }

  @Override
  public List<Vote> votesFor(Hash block) {
    return em
        .createNamedQuery("Vote.forBlock", VoteEntity.class)
        .setParameter("hash", block.toHex())
        .getResultList()
        .stream()
        .map(VoteEntity::toVote)
        .toList();
  }

  @Override
  public TreeNodeStore stateNodes() {
    return hash ->
        Optional.ofNullable(em.find(StateNodeEntity.class, hash.toHex()))
            .map(e -> TreeNode.decode(e.encoded()));
  }
}
