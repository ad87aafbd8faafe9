package io.eris.node.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that turn the consensus loop's verdicts into answers (a known transaction's row read,
 * the HTTP response written), so that the loop, which completes the verdicts, only hands each one
 * over and no request thread is parked while a batch commits.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class SubmitAnswers {
  @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
  ManagedThreadFactory threads;

  private ThreadPoolExecutor executor;

  @PostConstruct
  void start() {
    int n = Math.max(2, Runtime.getRuntime().availableProcessors());
    AtomicInteger count = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            n,
            n,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = threads.newThread(r);
              t.setName("eris-answer-" + count.incrementAndGet());
              return t;
            });
  }

  public Executor executor() {
    return executor;
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
  }
}
