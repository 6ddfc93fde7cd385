package io.hearth.scrape.http;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Receives one response body and writes it, gzip-decoded if the server says so, straight into the
 * target's {@link ScrapeBuffer}; bodies of any status but 200 are discarded. Writing stops with a
 * {@link ScrapeException.Kind#BODY_SIZE_LIMIT} failure when the (decoded) body reaches the limit,
 * as Prometheus's {@code io.LimitReader} check does.
 *
 * <p>The HTTP client pushes chunks from its own threads. After a timeout the scraping thread calls
 * {@link #abandon()}; the lock guarantees that no chunk is written into the buffer (which the next
 * scrape reuses) once that returns.
 */
final class BodySink implements HttpResponse.BodyHandler<Void>, HttpResponse.BodySubscriber<Void> {
  private final ReentrantLock lock = new ReentrantLock();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final ScrapeBuffer into;
  private final Supplier<GzipDecoder> gzipDecoders;
  private final long limit;
  private volatile boolean hasHeaders;
  private volatile String contentType = "";
  private boolean isCaptured;
  private GzipDecoder gzip;
  private boolean isAbandoned;
  private Flow.Subscription subscription;

  /**
   * @param limit body size at which the scrape fails; {@code Long.MAX_VALUE} for none
   */
  BodySink(ScrapeBuffer into, Supplier<GzipDecoder> gzipDecoders, long limit) {
    this.into = into;
    this.gzipDecoders = gzipDecoders;
    this.limit = limit;
  }

  @Override
  public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
    lock.lock();
    try {
      isCaptured = info.statusCode() == 200 && isAbandoned == false;
      contentType = info.headers().firstValue("Content-Type").orElse("");
      if (isCaptured) {
        into.reset();
        // Go compares the first Content-Encoding value with "gzip", exactly.
        if ("gzip".equals(info.headers().firstValue("Content-Encoding").orElse(""))) {
          gzip = gzipDecoders.get();
          gzip.reset();
        } else {
          long length = info.headers().firstValueAsLong("Content-Length").orElse(-1);
          if (length > 0) {
            into.ensureFree((int) Math.min(length, Math.min(limit, Integer.MAX_VALUE - 64)));
          }
        }
      }
      hasHeaders = true;
    } finally {
      lock.unlock();
    }
    return this;
  }

  boolean hasHeaders() {
    return hasHeaders;
  }

  String contentType() {
    return contentType;
  }

  /** Stops all further writes into the buffer; returns once no write is in progress. */
  void abandon() {
    lock.lock();
    try {
      isAbandoned = true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    lock.lock();
    try {
      if (isAbandoned || done.isDone()) {
        subscription.cancel();
        return;
      }
      if (isCaptured == false) {
        return;
      }
      for (int i = 0; i < items.size(); i++) {
        ByteBuffer b = items.get(i);
        if (gzip != null) {
          gzip.decode(b, into, limit);
        } else {
          copy(b);
        }
      }
    } catch (ScrapeException e) {
      isAbandoned = true;
      subscription.cancel();
      done.completeExceptionally(e);
    } finally {
      lock.unlock();
    }
  }

  private void copy(ByteBuffer b) throws ScrapeException {
    int n = b.remaining();
    if (into.length() + (long) n >= limit) {
      throw new ScrapeException(
          ScrapeException.Kind.BODY_SIZE_LIMIT, TargetScraper.BODY_SIZE_LIMIT_EXCEEDED, null);
    }
    into.ensureFree(n);
    b.get(into.array(), into.length(), n);
    into.advance(n);
  }

  @Override
  public void onError(Throwable t) {
    done.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    lock.lock();
    try {
      if (isCaptured && gzip != null && isAbandoned == false && done.isDone() == false) {
        gzip.finish();
      }
      done.complete(null);
    } catch (ScrapeException e) {
      done.completeExceptionally(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public CompletionStage<Void> getBody() {
    return done;
  }
}
