package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.scrape.parse.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScrapeCacheTest {
  private final ScrapeCache cache = new ScrapeCache();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private int get(String line) {
    // Look the key up inside a larger buffer, as the parser hands it out.
    byte[] buf = b("##" + line + "##");
    return cache.get(buf, 2, buf.length - 4);
  }

  private int add(String line, long ref) {
    byte[] buf = b(line);
    return cache.add(buf, 0, buf.length, ref, Labels.of("__name__", line));
  }

  private List<Long> stale() {
    List<Long> out = new ArrayList<>();
    cache.forEachStale((ref, labels) -> out.add(ref));
    return out;
  }

  @Test
  void aKnownLineIsFoundByItsBytesAndRemembersItsRef() {
    add("a{x=\"1\"}", 7);
    assertThat(cache.ref(get("a{x=\"1\"}"))).isEqualTo(7);
    assertThat(get("a{x=\"2\"}")).isEqualTo(ScrapeCache.NONE);
  }

  @Test
  void linesAreFoundWhateverOrderTheNextScrapeHasThem() {
    add("a", 1);
    add("b", 2);
    add("c", 3);
    cache.iterationDone(true);
    check(List.of("a", "b", "c"), List.of(1L, 2L, 3L));
    check(List.of("c", "a", "b"), List.of(3L, 1L, 2L));
    check(List.of("b", "new", "c", "a"), java.util.Arrays.asList(2L, null, 3L, 1L));
  }

  @Test
  void aLineForgottenByTheLastScrapeIsNotFoundWhereItUsedToBe() {
    add("a", 1);
    add("b", 2);
    add("c", 3);
    cache.iterationDone(true);
    get("a");
    add("x", 4);
    get("c");
    cache.iterationDone(true); // forgets b

    assertThat(cache.ref(get("a"))).isEqualTo(1);
    assertThat(get("b")).isEqualTo(ScrapeCache.NONE);
    assertThat(cache.ref(get("c"))).isEqualTo(3);
  }

  /** One scrape that meets {@code lines} in this order: each has the ref {@code want} says. */
  private void check(List<String> lines, List<Long> want) {
    List<Long> got = new ArrayList<>();
    for (String line : lines) {
      int e = get(line);
      got.add(e == ScrapeCache.NONE ? null : cache.ref(e));
    }
    assertThat(got).as("refs of %s", lines).isEqualTo(want);
    cache.iterationDone(true);
    for (String line : lines) {
      if (get(line) == ScrapeCache.NONE) {
        add(line, 99);
      }
    }
    cache.iterationDone(true);
  }

  @Test
  void theSameLineTwiceInOneScrapeIsARepeat() {
    add("a", 1);
    get("a");
    assertThat(cache.seenBefore).isTrue();
    cache.iterationDone(true);
    get("a");
    assertThat(cache.seenBefore).isFalse();
  }

  @Test
  void droppedLinesAreRememberedAsDropped() {
    byte[] buf = b("gone");
    cache.addDropped(buf, 0, buf.length);
    assertThat(cache.dropped(get("gone"))).isTrue();
  }

  @Test
  void aSeriesWrittenLastScrapeButNotThisOneIsStale() {
    int a = add("a", 1);
    int c = add("c", 3);
    cache.track(a);
    cache.track(c);
    cache.iterationDone(true);

    cache.track(get("a"));
    assertThat(stale()).containsExactly(3L);
    cache.iterationDone(true);
    // Reported once: the scrape after that no longer remembers c.
    cache.track(get("a"));
    assertThat(stale()).isEmpty();
  }

  @Test
  void aScrapeRolledBackAfterWritingMakesEverySeriesOfTheLastOneStaleOnce() {
    cache.track(add("a", 1));
    cache.track(add("c", 3));
    cache.iterationDone(true);

    cache.track(get("a"));
    cache.track(get("c"));
    cache.untrackCurrent();
    assertThat(stale()).containsExactly(1L, 3L);
    cache.iterationDone(false);
    // The failed scrape wrote nothing, so the next has nothing to mark.
    cache.track(get("a"));
    assertThat(stale()).isEmpty();
    cache.iterationDone(true);
    assertThat(stale()).containsExactly(1L);
  }

  @Test
  void twoLinesForOneSeriesKeepItLiveIfEitherIsWritten() {
    int a = add("a", 5);
    int a2 = add("a ", 5);
    cache.track(a);
    cache.iterationDone(true);
    get("a ");
    cache.track(a2);
    assertThat(stale()).isEmpty();
  }

  @Test
  void aSuccessfulScrapeForgetsLinesItDidNotSee() {
    for (int i = 0; i < 1000; i++) {
      add("s" + i, i + 1);
    }
    cache.iterationDone(true);
    get("s1");
    cache.iterationDone(true);
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.ref(get("s1"))).isEqualTo(2);
    assertThat(get("s2")).isEqualTo(ScrapeCache.NONE);
  }

  @Test
  void failedScrapesKeepTheCacheUntilItHasMoreThanDoubledPlusAThousand() {
    add("keep", 1);
    cache.iterationDone(true);
    for (int i = 0; i < 1001; i++) {
      add("churn" + i, i + 10);
    }
    cache.iterationDone(false);
    assertThat(cache.size()).isEqualTo(1002);
    add("one-more", 99);
    add("and-another", 98);
    cache.iterationDone(false);
    // 1004 > 2 * 1 + 1000: flushed down to what this iteration saw.
    assertThat(cache.size()).isEqualTo(2);
    assertThat(get("keep")).isEqualTo(ScrapeCache.NONE);
  }

  @Test
  void metadataIsKeptPerFamilyAndOutlivesItsSeriesByTenScrapes() {
    cache.setType("http_requests_total", MetricType.COUNTER);
    cache.setHelp("http_requests_total", "Requests.");
    cache.setUnit("http_requests_total", "");
    assertThat(cache.metadata())
        .containsExactly(
            new ScrapeCache.Metadata("http_requests_total", MetricType.COUNTER, "Requests.", ""));
    for (int i = 0; i < 11; i++) {
      cache.iterationDone(true);
    }
    assertThat(cache.metadata()).hasSize(1);
    cache.iterationDone(true);
    assertThat(cache.metadata()).isEmpty();
  }

  @Test
  void theTableGrowsWithoutLosingEntries() {
    for (int i = 0; i < 5000; i++) {
      add("m{i=\"" + i + "\"}", i + 1);
    }
    for (int i = 0; i < 5000; i++) {
      assertThat(cache.ref(get("m{i=\"" + i + "\"}"))).isEqualTo(i + 1);
    }
  }

  @Test
  void aFewLinesGoneLeaveTheOthersWhereTheyAre() {
    for (int i = 0; i < 100; i++) {
      cache.track(add("s" + i, i + 1));
    }
    cache.iterationDone(true);
    for (int i = 1; i < 100; i++) {
      cache.track(get("s" + i));
    }
    cache.track(add("new", 500));
    assertThat(stale()).containsExactly(1L);
    cache.iterationDone(true);
    assertThat(cache.size()).isEqualTo(100);
    assertThat(get("s0")).isEqualTo(ScrapeCache.NONE);
    for (int i = 1; i < 100; i++) {
      assertThat(cache.ref(get("s" + i))).isEqualTo(i + 1);
    }
    assertThat(cache.ref(get("new"))).isEqualTo(500);
  }

  @Test
  void mostLinesGoneKeepsTheRestWithTheirRefsLabelsAndTracking() {
    for (int i = 0; i < 100; i++) {
      cache.track(add("s" + i, i + 1));
    }
    byte[] d = b("dropped");
    cache.addDropped(d, 0, d.length);
    cache.iterationDone(true);
    // Met in reverse order, with one new line and the dropped one; 90 of the 100 are gone.
    for (int i = 9; i >= 0; i--) {
      cache.track(get("s" + i));
    }
    get("dropped");
    cache.track(add("new", 500));
    cache.iterationDone(true);
    assertThat(cache.size()).isEqualTo(12);

    // The next scrape writes s0..s4 only: the other lines of the previous one are stale.
    for (int i = 0; i < 5; i++) {
      int id = get("s" + i);
      assertThat(cache.ref(id)).isEqualTo(i + 1);
      assertThat(cache.labels(id)).isEqualTo(Labels.of("__name__", "s" + i));
      cache.track(id);
    }
    assertThat(stale()).containsExactlyInAnyOrder(6L, 7L, 8L, 9L, 10L, 500L);
    assertThat(cache.dropped(get("dropped"))).isTrue();
    assertThat(get("s50")).isEqualTo(ScrapeCache.NONE);
    assertThat(cache.ref(get("new"))).isEqualTo(500);
  }

  /**
   * Many scrapes of a churning target (lines come and go, repeat, share a series, scrapes fail)
   * against a plain model of the rules: a line is found until a flush after a scrape without
   * it, and the series tracked in the previous scrape but in no line of this one are stale.
   */
  @Test
  void behavesLikeThePlainModelOverManyChurningScrapes() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    java.util.Map<String, long[]> model = new java.util.HashMap<>(); // line -> {ref, lastIter}
    java.util.Set<String> trackedPrev = new java.util.HashSet<>();
    long iter = 0;
    for (int scrape = 0; scrape < 400; scrape++) {
      java.util.Set<String> trackedCur = new java.util.HashSet<>();
      int first = rnd.nextInt(300);
      int n = rnd.nextInt(250);
      for (int k = 0; k < n; k++) {
        String line = "m{i=\"" + (first + rnd.nextInt(120)) % 400 + "\"}";
        int id = get(line);
        long[] want = model.get(line);
        assertThat(id != ScrapeCache.NONE).as("%s in scrape %d", line, scrape).isEqualTo(want != null);
        if (want == null) {
          long ref = 1 + rnd.nextInt(500);
          id = add(line, ref);
          model.put(line, new long[] {ref, iter});
        } else {
          assertThat(cache.ref(id)).isEqualTo(want[0]);
          assertThat(cache.seenBefore).isEqualTo(want[1] == iter);
          want[1] = iter;
        }
        if (rnd.nextInt(10) > 0) {
          cache.track(id);
          trackedCur.add(line);
        }
      }
      boolean success = rnd.nextInt(8) > 0;
      if (!success) {
        cache.untrackCurrent();
        trackedCur.clear();
      }
      java.util.Set<Long> live = new java.util.HashSet<>();
      trackedCur.forEach(l -> live.add(model.get(l)[0]));
      List<Long> wantStale = new ArrayList<>();
      for (String l : trackedPrev) {
        long ref = model.get(l)[0];
        if (!trackedCur.contains(l) && !live.contains(ref)) {
          wantStale.add(ref);
        }
      }
      assertThat(stale()).as("stale after scrape %d", scrape).containsExactlyInAnyOrderElementsOf(wantStale);
      cache.iterationDone(success);
      if (success) {
        long now = iter;
        model.values().removeIf(v -> v[1] != now);
      }
      assertThat(cache.size()).isEqualTo(model.size());
      trackedPrev = trackedCur;
      iter++;
    }
  }
}
