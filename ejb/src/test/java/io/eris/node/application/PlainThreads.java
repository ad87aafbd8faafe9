package io.eris.node.application;

import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/** Plain daemon threads in place of the container's. */
final class PlainThreads implements ManagedThreadFactory {
  @Override
  public Thread newThread(Runnable r) {
    Thread t = new Thread(r);
    t.setDaemon(true);
    return t;
  }

  @Override
  public ForkJoinWorkerThread newThread(ForkJoinPool pool) {
    throw new UnsupportedOperationException();
  }
}
