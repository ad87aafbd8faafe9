package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.LeaderLease;
import io.eris.core.consensus.LeaseState;
import io.eris.core.crypto.Address;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.OptionalLong;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * The leader lease as one row of {@code leader_lease}, in the database that the leader and its hot
 * standby share ({@code jdbc/eris-lease}; a single node uses its own {@code jdbc/eris}). Each
 * operation is its own committed transaction under a row lock, so the reserved height is durable
 * before the block is signed, and two nodes never both hold a valid lease. Expiry is judged by the
 * database's clock, the one clock the leader and its standby share; the callers' clocks only matter
 * through the lease duration.
 */
public final class JdbcLeaderLease implements LeaderLease {
  public static final String SHARED = "jdbc/eris-lease";
  public static final String LOCAL = "jdbc/eris";

  private final DataSource dataSource;

  private JdbcLeaderLease(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The shared lease database when configured, else the node's own. */
  public static JdbcLeaderLease lookup() {
    try {
      InitialContext ctx = new InitialContext();
      try {
        return new JdbcLeaderLease((DataSource) ctx.lookup(SHARED));
      } catch (NamingException e) {
        return new JdbcLeaderLease((DataSource) ctx.lookup(LOCAL));
      }
    } catch (NamingException e) {
      throw new IllegalStateException("no data source for the leader lease: " + e.getMessage(), e);
    }
  }

  @Override
  public OptionalLong acquire(Address node, long nowMillis, long durationMillis) {
    return inTransaction(
        c -> {
          long now = databaseNow(c);
          LeaseState s = lockedRow(c);
          if (s == null) {
            insert(c, node, 1, now + durationMillis, 0);
            return OptionalLong.of(1);
          }
          if (s.holder().equals(node) && s.expiresAtMillis() > now) {
            update(c, node, s.epoch(), now + durationMillis, s.lastSignedHeight());
            return OptionalLong.of(s.epoch());
          }
          if (s.expiresAtMillis() > now) {
            return OptionalLong.empty();
          }
          long epoch = s.epoch() + 1;
          update(c, node, epoch, now + durationMillis, s.lastSignedHeight());
          return OptionalLong.of(epoch);
        });
  }

  @Override
  public boolean reserveHeight(Address node, long epoch, long height, long nowMillis) {
    return inTransaction(
        c -> {
          long now = databaseNow(c);
          LeaseState s = lockedRow(c);
          if (s == null
              || !s.holder().equals(node)
              || s.epoch() != epoch
              || s.expiresAtMillis() <= now
              || height <= s.lastSignedHeight()) {
            return false;
          }
          update(c, node, epoch, s.expiresAtMillis(), height);
          return true;
        });
  }

  /**
   * Extends a lease {@code node} still holds under {@code epoch} to {@code duration} from now (the
   * database's now); never takes one, never moves the epoch or the signed height. One statement.
   * True if it was extended.
   */
  public boolean renew(Address node, long epoch, long durationMillis) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE leader_lease SET expires_at = GREATEST(expires_at,"
                    + " CURRENT_TIMESTAMP + ? * INTERVAL '1 millisecond')"
                    + " WHERE id = 1 AND holder = ? AND epoch = ? AND expires_at > CURRENT_TIMESTAMP")) {
      ps.setLong(1, durationMillis);
      ps.setString(2, node.toHex());
      ps.setLong(3, epoch);
      return ps.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("leader lease: " + e.getMessage(), e);
    }
  }

  @Override
  public LeaseState read() {
    return inTransaction(
        c -> {
          LeaseState s = lockedRow(c);
          return s == null ? new LeaseState(null, 0, 0, 0) : s;
        });
  }

  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("leader lease: " + e.getMessage(), e);
    }
  }

  private static long databaseNow(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT CURRENT_TIMESTAMP");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getTimestamp(1).getTime();
    }
  }

  private static LeaseState lockedRow(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT holder, epoch, expires_at, last_signed_height FROM leader_lease"
                + " WHERE id = 1 FOR UPDATE")) {
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new LeaseState(
            Address.fromHex(rs.getString(1)),
            rs.getLong(2),
            rs.getTimestamp(3).getTime(),
            rs.getLong(4));
      }
    }
  }

  private static void insert(Connection c, Address node, long epoch, long expires, long height)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO leader_lease (id, holder, epoch, expires_at, last_signed_height)"
                + " VALUES (1, ?, ?, ?, ?)")) {
      ps.setString(1, node.toHex());
      ps.setLong(2, epoch);
      ps.setTimestamp(3, new Timestamp(expires));
      ps.setLong(4, height);
      ps.executeUpdate();
    }
  }

  private static void update(Connection c, Address node, long epoch, long expires, long height)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE leader_lease SET holder = ?, epoch = ?, expires_at = ?,"
                + " last_signed_height = ? WHERE id = 1")) {
      ps.setString(1, node.toHex());
      ps.setLong(2, epoch);
      ps.setTimestamp(3, new Timestamp(expires));
      ps.setLong(4, height);
      ps.executeUpdate();
    }
  }
}
