package io.eris.node.application;

import io.eris.node.infrastructure.messaging.Destinations;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import javax.sql.DataSource;

/** Asks the database and the broker, now, whether they answer. "UP" or the reason they don't. */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReadinessProbe {
  @Resource(lookup = "jdbc/eris")
  DataSource dataSource;

  @Resource(lookup = Destinations.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  public String database() {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(2) ? "UP" : "DOWN: connection not valid";
    } catch (Exception e) {
      return "DOWN: " + NodeLifecycle.rootMessage(e);
    }
  }

  public String broker() {
    try (JMSContext context = connectionFactory.createContext()) {
      context.createBytesMessage();
      return "UP";
    } catch (RuntimeException e) {
      return "DOWN: " + NodeLifecycle.rootMessage(e);
    }
  }
}
