package io.eris.node.infrastructure.messaging;

/** JNDI names and Artemis addresses of the node's destinations (see jms-config). */
public final class Destinations {
  public static final String CONNECTION_FACTORY = "jms/eris/ConnectionFactory";
  public static final String BLOCKS = "jms/eris/blocks";
  public static final String TXS = "jms/eris/txs";
  public static final String VOTES = "jms/eris/votes";
  public static final String TX_STATUS = "jms/eris/txStatus";
  public static final String SYNC = "jms/eris/sync";
  public static final String INGEST = "jms/eris/ingest";

  public static final String RESOURCE_ADAPTER = "artemis-ra";

  private Destinations() {}
}
