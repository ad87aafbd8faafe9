package io.eris.light.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to the full nodes. Every exchange has a connect timeout and a deadline for the whole answer,
 * body included (a node that trickles bytes cannot hold a request thread), and a size limit
 * enforced while reading: a larger body is dropped before anything parses it.
 */
public final class NodeClient {
  private final HttpClient http;
  private final Duration requestTimeout;

  /**
   * @param executor for the client's asynchronous work (in the container: a managed executor);
   *     null: the client's own threads
   */
  public NodeClient(Duration connectTimeout, Duration requestTimeout, Executor executor) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    if (executor != null) {
      b.executor(executor);
    }
    this.http = b.build();
    this.requestTimeout = requestTimeout;
  }

  /** GET {@code /api/v1/<path>} asking for JSON. */
  public NodeResponse get(NodeEndpoint node, String path, int maxBytes) throws NodeFailure {
    HttpRequest request =
        HttpRequest.newBuilder(node.api(path))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .GET()
            .build();
    return send(request, maxBytes);
  }

  /** POST {@code /api/v1/<path>} with the body and content type given, as they are. */
  public NodeResponse post(
      NodeEndpoint node, String path, String contentType, byte[] body, int maxBytes)
      throws NodeFailure {
    HttpRequest request =
        HttpRequest.newBuilder(node.api(path))
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return send(request, maxBytes);
  }

  private NodeResponse send(HttpRequest request, int maxBytes) throws NodeFailure {
    URI uri = request.uri();
    CompletableFuture<HttpResponse<byte[]>> future =
        http.sendAsync(request, info -> new LimitedBody(maxBytes));
    try {
      HttpResponse<byte[]> r = future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
      return new NodeResponse(r.statusCode(), r.headers().firstValue("Content-Type"), r.body());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw timeout(uri);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new NodeFailure(NodeFailure.Code.UNREACHABLE, "interrupted asking " + uri.getPath());
    } catch (CancellationException e) {
      throw timeout(uri);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (causedBy(cause, TooLarge.class)) {
        throw new NodeFailure(
            NodeFailure.Code.TOO_LARGE, "the answer is over " + maxBytes + " bytes");
      }
      if (causedBy(cause, HttpTimeoutException.class)) {
        throw timeout(uri);
      }
      String why = cause instanceof IOException ? cause.getClass().getSimpleName() : "error";
      throw new NodeFailure(
          NodeFailure.Code.UNREACHABLE,
          "no answer to " + uri.getPath() + " (" + why + messageOf(cause) + ")");
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }

  private NodeFailure timeout(URI uri) {
    return new NodeFailure(
        NodeFailure.Code.TIMEOUT,
        "no answer to " + uri.getPath() + " within " + requestTimeout.toMillis() + " ms");
  }

  private static String messageOf(Throwable t) {
    return t == null || t.getMessage() == null ? "" : ": " + t.getMessage();
  }

  /** The body is over the limit. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Collects the body up to a limit; cancels the exchange as soon as it is exceeded. */
  private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final HttpResponse.BodySubscriber<byte[]> delegate =
        HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    LimitedBody(int max) {
      this.max = max;
      delegate
          .getBody()
          .whenComplete(
              (body, error) -> {
                if (error != null) {
                  result.completeExceptionally(error);
                } else {
                  result.complete(body);
                }
              });
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      delegate.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        received += b.remaining();
      }
      if (received > max) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge());
        return;
      }
      delegate.onNext(items);
    }

    @Override
    public void onError(Throwable t) {
      delegate.onError(t);
    }

    @Override
    public void onComplete() {
      delegate.onComplete();
    }
  }
}
