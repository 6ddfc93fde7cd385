package io.hearth.promql.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.promql.PromqlException;
import io.hearth.storage.Appender;
import io.hearth.storage.StaleMarker;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Selectors and range functions spread over worker threads answer exactly as on one thread. */
class QueryWorkersTest {
  private static final long M = 60_000;
  private final long saved = QueryWorkers.minParallelWork;

  @AfterEach
  void restore() {
    QueryWorkers.minParallelWork = saved;
  }

  /** 300 counters and gauges over 2 h at 15 s, with resets, gaps and stale markers. */
  private static TestData data() {
    TestData d = new TestData();
    SplittableRandom r = new SplittableRandom(7);
    Appender app = d.head.appender();
    for (int s = 0; s < 300; s++) {
      Labels l = Labels.of("__name__", s % 3 == 0 ? "g" : "c_total", "i", Integer.toString(s));
      double v = 0;
      for (int k = 0; k < 480; k++) {
        if (r.nextInt(50) == 0) {
          continue; // a missed scrape
        }
        v = s % 3 == 0 ? r.nextDouble(-10, 10) : (r.nextInt(200) == 0 ? 0 : v + r.nextInt(100));
        app.append(0, l, k * 15_000L + s, r.nextInt(500) == 0 ? StaleMarker.VALUE : v);
      }
    }
    app.commit();
    return d;
  }

  private static Value range(TestData d, String q) {
    Engine e = new Engine(EngineOptions.defaults());
    try (Query query = e.newRangeQuery(d.head, q, 10 * M, 120 * M, 15_000)) {
      return query.exec().value();
    }
  }

  @Test
  void workersGiveTheSameAnswerAsOneThread() {
    TestData d = data();
    String[] queries = {
      "rate(c_total[5m])",
      "sum by (i) (increase(c_total[10m] offset 3m))",
      "max_over_time(g[7m])",
      "quantile_over_time(0.3, g[20m])",
      "last_over_time(g[1m])",
      "resets(c_total[1h])",
      "predict_linear(g[10m], 600)",
      "rate(c_total[5m] @ 3000)",
      "absent_over_time(nothing[5m])",
      "g",
      "sum by (i) (c_total offset 1m)",
      "timestamp(g)",
      "g @ 3000",
    };
    for (String q : queries) {
      QueryWorkers.minParallelWork = Long.MAX_VALUE;
      Value alone = range(d, q);
      QueryWorkers.minParallelWork = 0;
      Value spread = range(d, q);
      assertThat(spread).as(q).isEqualTo(alone);
      assertThat(((Matrix) alone).series()).as(q).isNotEmpty();
    }
  }

  @Test
  void selectionsLargerThanABatchKeepEverySeriesInOrder() {
    TestData d = new TestData();
    int n = QueryWorkers.BATCH + 904;
    Appender app = d.head.appender();
    for (int s = 0; s < n; s++) {
      Labels l = Labels.of("__name__", "m_total", "i", Integer.toString(s));
      for (int k = 0; k < 12; k++) {
        app.append(0, l, k * 60_000L, k * (s + 1));
      }
    }
    app.commit();
    for (String q : new String[] {"m_total", "rate(m_total[5m])"}) {
      QueryWorkers.minParallelWork = Long.MAX_VALUE;
      Matrix alone = (Matrix) range(d, q);
      QueryWorkers.minParallelWork = 0;
      Matrix spread = (Matrix) range(d, q);
      assertThat(spread).as(q).isEqualTo(alone);
      assertThat(alone.series()).as(q).hasSize(n);
    }
  }

  @Test
  void aTimeoutWhileWorkersRunFailsTheQuery() {
    TestData d = data();
    QueryWorkers.minParallelWork = 0;
    Engine e = new Engine(EngineOptions.defaults().withTimeout(1));
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 1000; i++) {
                try (Query q = e.newRangeQuery(d.head, "rate(c_total[5m])", 0, 120 * M, 1000)) {
                  q.exec();
                }
              }
            })
        .isInstanceOf(PromqlException.class)
        .hasMessage("query timed out in expression evaluation");
  }
}
