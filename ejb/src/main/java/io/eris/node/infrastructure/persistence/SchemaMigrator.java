package io.eris.node.infrastructure.persistence;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Runs the Flyway migrations of db-migrations on the node's database; a no-op when current. */
@Stateless
public class SchemaMigrator {
  @Resource(lookup = "jdbc/eris")
  DataSource dataSource;

  /** Returns the number of migrations applied now (0 when the schema was current). */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public int migrate() {
    MigrateResult result =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    return result.migrationsExecuted;
  }
}
