package io.eris.bench;

/**
 * What the load generator knows of one submitted tx. Times are System.nanoTime(); guarded by the
 * record's own monitor (the client thread, the event stream and the poller all update it).
 */
final class TxRecord {
  final int account;
  final long nonce;
  final boolean invalid;
  final long submitNanos;

  /** When it was really sent: in an open loop the sender may be behind its schedule. */
  final long sentNanos;

  /** The node has it: answered 202, or seen in an event or a status query. */
  boolean known;

  boolean answered;
  boolean rejected;
  long includedNanos;
  long finalNanos;

  /** FINAL, CONFLICTED or EXPIRED once settled, else null. */
  String terminal;

  boolean settledByPoll;
  String blockKind;

  /** The height of the block that included it (0 while unknown). */
  long height;

  TxRecord(int account, long nonce, boolean invalid, long submitNanos) {
    this(account, nonce, invalid, submitNanos, submitNanos);
  }

  TxRecord(int account, long nonce, boolean invalid, long submitNanos, long sentNanos) {
    this.account = account;
    this.nonce = nonce;
    this.invalid = invalid;
    this.submitNanos = submitNanos;
    this.sentNanos = sentNanos;
  }

  synchronized boolean settled() {
    return rejected || terminal != null;
  }
}
