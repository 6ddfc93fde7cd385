package io.hearth.scrape.loop;

import io.hearth.scrape.http.ScrapeBuffer;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Body buffers shared by one job's targets. A buffer per target held every target's last body
 * (about 120 bytes per series) between scrapes; only scrapes in progress need one, and those are
 * a few at a time. Most recently returned first, so the buffers in use stay warm and sized.
 */
final class BufferPool {
  private final int maxIdle;
  private final ConcurrentLinkedDeque<ScrapeBuffer> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();

  /** @param maxIdle buffers kept for reuse; more returned at once are left to the GC */
  BufferPool(int maxIdle) {
    this.maxIdle = maxIdle;
  }

  ScrapeBuffer take() {
    ScrapeBuffer b = idle.pollFirst();
    if (b == null) {
      return new ScrapeBuffer();
    }
    idleCount.decrementAndGet();
    return b;
  }

  void give(ScrapeBuffer b) {
    if (idleCount.incrementAndGet() > maxIdle) {
      idleCount.decrementAndGet();
      return;
    }
    b.reset();
    idle.offerFirst(b);
  }

  int idle() {
    return idleCount.get();
  }
}
