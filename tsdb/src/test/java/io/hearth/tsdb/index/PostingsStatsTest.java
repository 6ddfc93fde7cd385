package io.hearth.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.tsdb.index.PostingsStats.Stat;
import org.junit.jupiter.api.Test;

class PostingsStatsTest {
  @Test
  void countsTheTopEntriesOfEachKindLargestFirst() {
    MemPostings p = new MemPostings();
    p.add(1, Labels.of("__name__", "up", "job", "a"));
    p.add(2, Labels.of("__name__", "up", "job", "b"));
    p.add(3, Labels.of("__name__", "up", "job", "c"));
    p.add(4, Labels.of("__name__", "é", "job", "a"));

    PostingsStats s = p.stats("__name__", 2);

    assertThat(s.seriesCountByMetricName()).containsExactly(new Stat("up", 3), new Stat("é", 1));
    assertThat(s.labelValueCountByLabelName()).containsExactly(new Stat("job", 3), new Stat("__name__", 2));
    // (len("__name__") + len(value)) bytes per series: 3 x (8 + 2) + (8 + 2, "é" being two bytes).
    assertThat(s.memoryInBytesByLabelName()).containsExactly(new Stat("__name__", 40), new Stat("job", 16));
    assertThat(s.seriesCountByLabelValuePair()).containsExactly(new Stat("__name__=up", 3), new Stat("job=a", 2));
    assertThat(s.numLabelPairs()).isEqualTo(5);
  }

  @Test
  void equalCountsAreCutByNameNotByHashOrder() {
    MemPostings p = new MemPostings();
    for (int i = 1; i <= 20; i++) {
      p.add(i, Labels.of("__name__", "m" + (char) ('a' + i)));
    }
    assertThat(p.stats("__name__", 3).seriesCountByMetricName())
        .containsExactly(new Stat("mb", 1), new Stat("mc", 1), new Stat("md", 1));
  }
}
