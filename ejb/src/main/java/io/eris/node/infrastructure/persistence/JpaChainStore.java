package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.ChainCommit;
import io.eris.core.consensus.ChainSnapshot;
import io.eris.core.consensus.ChainStore;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.state.TreeNode;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The consensus core's {@link ChainStore} in the node's database. Every call joins the caller's JTA
 * transaction: the consensus host runs one transaction per batch of events, so blocks, state nodes,
 * head and final pointers move together. State nodes are content-addressed and cached.
 */
@ApplicationScoped
public class JpaChainStore implements ChainStore {
  private static final int NODE_CACHE = 200_000;

  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Resource(lookup = "jdbc/eris")
  DataSource dataSource;

  private final Map<Hash, TreeNode> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(1 << 16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, TreeNode> eldest) {
              return size() > NODE_CACHE;
            }
          });

  private volatile Boolean postgres;

  @Override
  public Optional<TreeNode> get(Hash hash) {
    TreeNode cached = cache.get(hash);
    if (cached != null) {
      return Optional.of(cached);
    }
    StateNodeEntity e = em.find(StateNodeEntity.class, hash.toHex());
    if (e == null) {
      return Optional.empty();
    }
    TreeNode node = TreeNode.decode(e.encoded());
    if (!node.hash().equals(hash)) {
      throw new IllegalStateException("state node " + hash + " is corrupt in the database");
    }
    cache.put(hash, node);
    return Optional.of(node);
  }

  @Override
  public void commit(ChainCommit c) {
    Instant now = Instant.now();
    writeNodes(c.nodes());
    for (Block b : c.blocks()) {
      if (em.find(BlockEntity.class, b.hash().toHex()) == null) {
        em.persist(new BlockEntity(b, false, now));
        for (Transaction tx : b.txs()) {
          em.persist(new BlockTxEntity(tx.hash().toHex(), b.hash().toHex()));
        }
      }
    }
    em.flush();
    if (c.reorg() != null) {
      for (Block b : c.reorg().undo()) {
        canonical(b.hash(), false);
      }
      for (Block b : c.reorg().apply()) {
        canonical(b.hash(), true);
      }
    }
    ChainHeadEntity head = em.find(ChainHeadEntity.class, ChainHeadEntity.ID);
    BlockEntity headBlock = em.find(BlockEntity.class, c.head().toHex());
    BlockEntity finalBlock = em.find(BlockEntity.class, c.finalBlock().toHex());
    if (head == null) {
      headBlock.setCanonical(true);
      em.persist(
          new ChainHeadEntity(
              headBlock.hash(), headBlock.height(), finalBlock.hash(), finalBlock.height(), now));
    } else {
      head.moveHead(headBlock.hash(), headBlock.height(), now);
      head.moveFinal(finalBlock.hash(), finalBlock.height(), now);
    }
  }

  private void canonical(Hash hash, boolean canonical) {
    BlockEntity e = em.find(BlockEntity.class, hash.toHex());
    if (e != null) {
      e.setCanonical(canonical);
    }
  }

  /** Insert-if-absent in JDBC batches, in the caller's transaction. */
  private void writeNodes(List<TreeNode> nodes) {
    List<TreeNode> fresh = new ArrayList<>(nodes.size());
    for (TreeNode n : nodes) {
      if (cache.putIfAbsent(n.hash(), n) == null) {
        fresh.add(n);
      }
    }
    if (fresh.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      String sql =
          isPostgres(c)
              ? "INSERT INTO state_node (hash, encoded) VALUES (?, ?) ON CONFLICT DO NOTHING"
              : "MERGE INTO state_node (hash, encoded) KEY (hash) VALUES (?, ?)";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int n = 0;
        for (TreeNode node : fresh) {
          ps.setString(1, node.hash().toHex());
          ps.setBytes(2, node.encode());
          ps.addBatch();
          if (++n % 1000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    } catch (SQLException e) {
      fresh.forEach(n -> cache.remove(n.hash()));
      throw new IllegalStateException("could not store state nodes: " + e.getMessage(), e);
    }
  }

  private boolean isPostgres(Connection c) throws SQLException {
    Boolean pg = postgres;
    if (pg == null) {
      pg = c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
      postgres = pg;
    }
    return pg;
  }

  @Override
  public Optional<ChainSnapshot> load() {
    ChainHeadEntity head = em.find(ChainHeadEntity.class, ChainHeadEntity.ID);
    if (head == null) {
      return Optional.empty();
    }
    List<Block> blocks =
        em
            .createQuery(
                "select b from BlockEntity b where b.height >= :h order by b.height, b.hash",
                BlockEntity.class)
            .setParameter("h", head.finalHeight())
            .getResultList()
            .stream()
            .map(BlockEntity::toBlock)
            .toList();
    return Optional.of(
        new ChainSnapshot(Hash.fromHex(head.blockHash()), Hash.fromHex(head.finalHash()), blocks));
  }

  @Override
  public Optional<Block> block(Hash hash) {
    return Optional.ofNullable(em.find(BlockEntity.class, hash.toHex())).map(BlockEntity::toBlock);
  }

  @Override
  public Optional<Block> canonicalBlock(long height) {
    return em
        .createNamedQuery("Block.canonicalAt", BlockEntity.class)
        .setParameter("height", height)
        .getResultList()
        .stream()
        .findFirst()
        .map(BlockEntity::toBlock);
  }

  @Override
  public Optional<Block> canonicalBlockWithTx(Hash tx) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT b.encoded FROM block_tx t JOIN block b ON b.hash = t.block_hash"
                    + " WHERE t.tx_hash = ? AND b.canonical = TRUE")) {
      ps.setString(1, tx.toHex());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Block.decode(rs.getBytes(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read block_tx: " + e.getMessage(), e);
    }
  }

  /** Forgets cached nodes, e.g. after a rolled-back transaction. */
  public void clearCache() {
    cache.clear();
  }
}
