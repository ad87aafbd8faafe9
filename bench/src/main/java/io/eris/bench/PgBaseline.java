package io.eris.bench;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an application would do without the ledger: the same signed tx rows (hash, sender, nonce,
 * kind, encoded bytes) inserted into a plain table by the same number of client threads, one
 * durable commit per tx (autocommit, synchronous_commit as the server has it), in a scratch
 * database that is created for the run and dropped after it.
 */
final class PgBaseline {
  record Result(
      double tps,
      long rows,
      double seconds,
      Latencies latency,
      RateSeries series,
      int clients,
      String synchronousCommit) {}

  private final String host;
  private final int port;
  private final String user;
  private final String password;
  private final String database;

  PgBaseline(String host, int port, String user, String password, String database) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
    this.database = database;
  }

  private Connection connect(String db) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (password != null && !password.isEmpty()) {
      p.setProperty("password", password);
    }
    p.setProperty("ApplicationName", "eris-bench-baseline");
    p.setProperty("connectTimeout", "5");
    return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
  }

  Result run(int clients, double seconds, Accounts accounts, Hash chainId) throws Exception {
    try (Connection admin = connect("postgres");
        Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    String sync;
    try (Connection c = connect(database);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE tx (hash bytea PRIMARY KEY, sender bytea NOT NULL, nonce bigint NOT NULL,"
              + " kind smallint NOT NULL, encoded bytea NOT NULL, received_at timestamptz NOT NULL"
              + " DEFAULT now(), UNIQUE (sender, nonce))");
      var rs = s.executeQuery("SHOW synchronous_commit");
      rs.next();
      sync = rs.getString(1);
    }
    Latencies latency = new Latencies();
    long t0 = System.nanoTime();
    RateSeries series = new RateSeries(t0, 3_600);
    AtomicLong rows = new AtomicLong();
    long warm = t0 + 1_000_000_000L;
    long end = warm + (long) (seconds * 1e9);
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int id = c;
      Thread t =
          new Thread(
              () -> {
                try (Connection conn = connect(database);
                    PreparedStatement ins =
                        conn.prepareStatement(
                            "INSERT INTO tx (hash, sender, nonce, kind, encoded) VALUES"
                                + " (?, ?, ?, ?, ?)")) {
                  conn.setAutoCommit(true);
                  long serial = 0;
                  int cursor = 0;
                  List<Accounts.Account> mine = new ArrayList<>();
                  for (int i = id; i < accounts.size(); i += clients) {
                    mine.add(accounts.get(i));
                  }
                  while (true) {
                    long now = System.nanoTime();
                    if (now >= end) {
                      break;
                    }
                    Accounts.Account a = mine.get(cursor++ % mine.size());
                    Address to = accounts.get((a.index + 1) % accounts.size()).key.address();
                    Transaction tx =
                        Transaction.sign(
                            a.key,
                            chainId,
                            a.nextNonce,
                            TxKind.TRANSFER,
                            new TransferBody(to, 1, "p" + id + "-" + serial++).encode());
                    long s0 = System.nanoTime();
                    ins.setBytes(1, tx.hash().toBytes());
                    ins.setBytes(2, tx.sender().toBytes());
                    ins.setLong(3, tx.nonce());
                    ins.setShort(4, (short) tx.kind().code());
                    ins.setBytes(5, tx.encode());
                    ins.executeUpdate(); // autocommit: one durable commit per tx
                    long s1 = System.nanoTime();
                    a.nextNonce++;
                    if (s0 >= warm) {
                      rows.incrementAndGet();
                      latency.addNanos(s1 - s0);
                      series.mark(s1);
                    }
                  }
                } catch (Exception e) {
                  synchronized (failures) {
                    failures.add(e);
                  }
                }
              },
              "bench-pg-" + c);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    double secs = (end - warm) / 1e9;
    try (Connection admin = connect("postgres");
        Statement s = admin.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          "baseline client failed: " + failures.get(0), failures.get(0));
    }
    return new Result(rows.get() / secs, rows.get(), secs, latency, series, clients, sync);
  }

  static Map<String, Object> toJson(Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tps", ProcWatch.round(r.tps(), 0));
    m.put("rows", r.rows());
    m.put("seconds", ProcWatch.round(r.seconds(), 1));
    m.put("clients", r.clients());
    m.put("synchronous_commit", r.synchronousCommit());
    m.put("p50_ms", ProcWatch.round(r.latency().percentileMs(0.50), 2));
    m.put("p99_ms", ProcWatch.round(r.latency().percentileMs(0.99), 2));
    return m;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
