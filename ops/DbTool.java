import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Eris ops helper: PostgreSQL preparation without the psql client. Run in source-file mode
 * with the JDBC driver on the class path:
 *
 * <pre>
 * java -cp postgresql.jar ops/DbTool.java prepare HOST PORT DB USER [--recreate]
 * java -cp postgresql.jar ops/DbTool.java create-role HOST PORT ADMIN_USER ROLE
 * </pre>
 *
 * Passwords come from the environment (ERIS_DB_PASSWORD, ERIS_DB_ADMIN_PASSWORD), never the
 * command line. Exit codes: 0 done, 10 server unreachable, 11 authentication failed, 12 other
 * error (message on stderr).
 */
public final class DbTool {
  private static final Pattern IDENT = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  public static void main(String[] args) {
    try {
      switch (args.length > 0 ? args[0] : "") {
        case "prepare" -> prepare(args);
        case "create-role" -> createRole(args);
        default -> {
          System.err.println("usage: DbTool prepare HOST PORT DB USER [--recreate]");
          System.err.println("       DbTool create-role HOST PORT ADMIN_USER ROLE");
          System.exit(2);
        }
      }
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      System.err.println(e.getMessage());
      if (state.startsWith("08")) {
        System.exit(10);
      } else if (state.equals("28P01") || state.equals("28000")) {
        System.exit(11);
      }
      System.exit(12);
    }
  }

  private static Connection connect(String host, String port, String db, String user, String pw)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    if (pw != null && !pw.isEmpty()) {
      p.setProperty("password", pw);
    }
    p.setProperty("connectTimeout", "5");
    p.setProperty("ApplicationName", "eris-ops");
    return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
  }

  private static String ident(String s) {
    if (!IDENT.matcher(s).matches()) {
      System.err.println("not a plain lower-case SQL identifier: " + s);
      System.exit(2);
    }
    return s;
  }

  /** Connects as USER (to the maintenance database) and creates DB if missing. */
  private static void prepare(String[] a) throws SQLException {
    String host = a[1], port = a[2], db = ident(a[3]), user = a[4];
    boolean recreate = a.length > 5 && a[5].equals("--recreate");
    String pw = System.getenv("ERIS_DB_PASSWORD");
    try (Connection c = connect(host, port, "postgres", user, pw);
        Statement st = c.createStatement()) {
      if (recreate) {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        ps.setString(1, db);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      if (!exists) {
        st.execute("CREATE DATABASE " + db + " ENCODING 'UTF8' TEMPLATE template0");
        System.out.println("created database " + db);
      } else {
        System.out.println("database " + db + " exists");
      }
    }
    // The application's user must be able to create its tables there (Flyway).
    try (Connection c = connect(host, port, db, user, pw);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT has_schema_privilege(current_user, 'public', 'CREATE'),"
                    + " pg_get_userbyid(d.datdba) FROM pg_database d"
                    + " WHERE d.datname = current_database()")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        System.err.println(
            "role "
                + user
                + " may not create tables in schema public of database "
                + db
                + " (owned by "
                + rs.getString(2)
                + "): use another ERIS_DB_NAME, or GRANT CREATE ON SCHEMA public TO "
                + user);
        System.exit(12);
      }
    }
  }

  /** As ADMIN_USER, creates (or re-passwords) ROLE with LOGIN CREATEDB. */
  private static void createRole(String[] a) throws SQLException {
    String host = a[1], port = a[2], admin = a[3], role = ident(a[4]);
    String pw = System.getenv("ERIS_DB_PASSWORD");
    try (Connection c = connect(host, port, "postgres", admin, System.getenv("ERIS_DB_ADMIN_PASSWORD"));
        Statement st = c.createStatement()) {
      boolean exists;
      try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        ps.setString(1, role);
        try (ResultSet rs = ps.executeQuery()) {
          exists = rs.next();
        }
      }
      String quoted = "'" + pw.replace("'", "''") + "'";
      st.execute(
          (exists ? "ALTER ROLE " : "CREATE ROLE ")
              + role
              + " LOGIN CREATEDB PASSWORD "
              + quoted);
      System.out.println((exists ? "updated role " : "created role ") + role);
    }
  }
}
