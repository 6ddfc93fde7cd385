package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.scrape.http.ScrapeBuffer;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
  private final BufferPool pool = new BufferPool(2);

  @Test
  void aReturnedBufferIsHandedOutAgain() {
    ScrapeBuffer b = pool.take();
    pool.give(b);
    assertThat(pool.take()).isSameAs(b);
  }

  @Test
  void theMostRecentlyReturnedBufferComesFirst() {
    ScrapeBuffer a = pool.take();
    ScrapeBuffer b = pool.take();
    pool.give(a);
    pool.give(b);
    assertThat(pool.take()).isSameAs(b);
  }

  @Test
  void keepsNoMoreIdleBuffersThanItsLimit() {
    ScrapeBuffer a = pool.take();
    ScrapeBuffer b = pool.take();
    ScrapeBuffer c = pool.take();
    pool.give(a);
    pool.give(b);
    pool.give(c);
    assertThat(pool.idle()).isEqualTo(2);
    assertThat(pool.take()).isSameAs(b);
    assertThat(pool.take()).isSameAs(a);
    assertThat(pool.take()).isNotIn(a, b, c);
  }
}
