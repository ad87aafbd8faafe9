package io.eris.node.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counters since the node started (exposed on the node API and as Prometheus metrics). */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class NodeMetrics {
  private final AtomicLong blocksProduced = new AtomicLong();
  private final AtomicLong blocksReceivedOverJms = new AtomicLong();
  private final AtomicLong blocksImported = new AtomicLong();
  private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();

  public void blockProduced() {
    blocksProduced.incrementAndGet();
  }

  public void blockReceivedOverJms() {
    blocksReceivedOverJms.incrementAndGet();
  }

  public void blockImported() {
    blocksImported.incrementAndGet();
  }

  /** A message that was refused, by stable reason code. */
  public void dropped(String reason) {
    dropped.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
  }

  public long blocksProduced() {
    return blocksProduced.get();
  }

  public long blocksReceivedOverJms() {
    return blocksReceivedOverJms.get();
  }

  public long blocksImported() {
    return blocksImported.get();
  }

  public Map<String, Long> droppedByReason() {
    Map<String, Long> out = new java.util.TreeMap<>();
    dropped.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
