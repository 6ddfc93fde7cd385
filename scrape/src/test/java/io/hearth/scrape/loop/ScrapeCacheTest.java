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

  private ScrapeCache.Entry get(String line) {
    // Look the key up inside a larger buffer, as the parser hands it out.
    byte[] buf = b("##" + line + "##");
    return cache.get(buf, 2, buf.length - 4);
  }

  private ScrapeCache.Entry add(String line, long ref) {
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
    assertThat(get("a{x=\"1\"}").ref).isEqualTo(7);
    assertThat(get("a{x=\"2\"}")).isNull();
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

    assertThat(get("a").ref).isEqualTo(1);
    assertThat(get("b")).isNull();
    assertThat(get("c").ref).isEqualTo(3);
  }

  /** One scrape that meets {@code lines} in this order: each has the ref {@code want} says. */
  private void check(List<String> lines, List<Long> want) {
    List<Long> got = new ArrayList<>();
    for (String line : lines) {
      ScrapeCache.Entry e = get(line);
      got.add(e == null ? null : e.ref);
    }
    assertThat(got).as("refs of %s", lines).isEqualTo(want);
    cache.iterationDone(true);
    for (String line : lines) {
      if (get(line) == null) {
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
    assertThat(get("gone").dropped).isTrue();
  }

  @Test
  void aSeriesWrittenLastScrapeButNotThisOneIsStale() {
    ScrapeCache.Entry a = add("a", 1);
    ScrapeCache.Entry c = add("c", 3);
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
  void twoLinesForOneSeriesKeepItLiveIfEitherIsWritten() {
    ScrapeCache.Entry a = add("a", 5);
    ScrapeCache.Entry a2 = add("a ", 5);
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
    assertThat(get("s1").ref).isEqualTo(2);
    assertThat(get("s2")).isNull();
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
    assertThat(get("keep")).isNull();
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
      assertThat(get("m{i=\"" + i + "\"}").ref).isEqualTo(i + 1);
    }
  }
}
