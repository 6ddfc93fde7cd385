package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appender;
import io.hearth.storage.Querier;
import io.hearth.storage.SampleIterator;
import io.hearth.storage.SampleRejectedException;
import io.hearth.storage.SeriesSet;
import io.hearth.storage.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeadAppenderTest {
  private static final Labels UP = Labels.of("__name__", "up", "job", "a");
  private final Head head = new Head(HeadOptions.defaults(), new SymbolTable());

  @AfterEach
  void close() {
    head.close();
  }

  private List<double[]> read(Labels l) {
    List<double[]> out = new ArrayList<>();
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      Matcher[] ms = new Matcher[l.size()];
      for (int i = 0; i < l.size(); i++) {
        ms[i] = Matcher.equal(l.name(i), l.value(i));
      }
      SeriesSet set = q.select(false, ms);
      while (set.next()) {
        SampleIterator it = set.at().iterator(null);
        while (it.next() == ValueType.FLOAT) {
          out.add(new double[] {it.t(), it.v()});
        }
      }
    }
    return out;
  }

  @Test
  void statsCountAppendersAndChunksForSelfMetrics() {
    Appender app = head.appender();
    Appender other = head.appender();
    assertThat(head.stats().activeAppenders()).isEqualTo(2);
    app.append(0, UP, 1000, 1);
    app.append(0, Labels.of("__name__", "down"), 1000, 1);
    app.commit();
    other.rollback();
    assertThat(head.stats().activeAppenders()).isZero();
    assertThat(head.stats().appendersCreated()).isEqualTo(2);
    // One open chunk per series; a sample past the 2h chunk range cuts a second one.
    assertThat(head.stats().chunksCreated()).isEqualTo(2);
    app = head.appender();
    app.append(0, UP, 1000 + 3 * 3_600_000L, 1);
    app.commit();
    assertThat(head.stats().chunksCreated()).isEqualTo(3);
  }

  @Test
  void samplesAreInvisibleUntilCommit() {
    Appender app = head.appender();
    app.append(0, UP, 1000, 1);
    assertThat(read(UP)).isEmpty();
    app.commit();
    assertThat(read(UP)).containsExactly(new double[] {1000, 1});
    assertThat(head.stats().samplesAppended()).isEqualTo(1);
    assertThat(head.minTime()).isEqualTo(1000);
    assertThat(head.maxTime()).isEqualTo(1000);
  }

  @Test
  void rollbackDiscardsEverything() {
    Appender app = head.appender();
    app.append(0, UP, 1000, 1);
    app.append(0, UP, 2000, 2);
    app.rollback();
    assertThat(read(UP)).isEmpty();
    // The rolled-back samples left no pending state: an earlier timestamp is fine now.
    Appender next = head.appender();
    next.append(0, UP, 500, 3);
    next.commit();
    assertThat(read(UP)).containsExactly(new double[] {500, 3});
  }

  @Test
  void refsSkipLabelLookupsAcrossAppenders() {
    Appender a = head.appender();
    long ref = a.append(0, UP, 1000, 1);
    a.commit();
    Appender b = head.appender();
    assertThat(b.append(ref, null, 2000, 2)).isEqualTo(ref);
    b.commit();
    assertThat(read(UP)).hasSize(2);
    assertThat(head.numSeries()).isEqualTo(1);
  }

  @Test
  void rejectsOutOfOrderAndConflictingDuplicatesButKeepsTheTransaction() {
    Appender a = head.appender();
    a.append(0, UP, 2000, 1);
    a.commit();
    Appender b = head.appender();
    assertThatThrownBy(() -> b.append(0, UP, 1000, 1))
        .isSameAs(SampleRejectedException.OUT_OF_ORDER)
        .hasMessage("out of order sample");
    assertThatThrownBy(() -> b.append(0, UP, 2000, 9))
        .isSameAs(SampleRejectedException.DUPLICATE_SAMPLE)
        .hasMessage("duplicate sample for timestamp");
    b.append(0, UP, 2000, 1); // exact duplicate: accepted, ignored
    b.append(0, UP, 3000, 3);
    assertThatThrownBy(() -> b.append(0, UP, 2500, 1)) // older than this transaction's own sample
        .isSameAs(SampleRejectedException.OUT_OF_ORDER);
    b.commit();
    assertThat(read(UP)).containsExactly(new double[] {2000, 1}, new double[] {3000, 3});
    assertThat(head.stats().outOfOrder()).isEqualTo(2);
    assertThat(head.stats().duplicates()).isEqualTo(1);
    assertThat(head.stats().samplesAppended()).isEqualTo(2);
  }

  @Test
  void specialValuesKeepTheirBits() {
    long[] bits = {
      0x7ff0000000000002L, // Prometheus's staleness marker
      Double.doubleToRawLongBits(Double.NaN),
      Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
      Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
      Double.doubleToRawLongBits(-0.0),
      Double.doubleToRawLongBits(Double.MIN_VALUE),
    };
    Appender a = head.appender();
    for (int i = 0; i < bits.length; i++) {
      a.append(0, UP, i * 1000L, Double.longBitsToDouble(bits[i]));
    }
    a.commit();
    List<double[]> got = read(UP);
    for (int i = 0; i < bits.length; i++) {
      assertThat(Double.doubleToRawLongBits(got.get(i)[1])).isEqualTo(bits[i]);
    }
  }

  @Test
  void emptyLabelsAndReuseAfterCommitAreErrors() {
    Appender a = head.appender();
    assertThatThrownBy(() -> a.append(0, Labels.EMPTY, 1, 1)).hasMessageContaining("empty label set");
    a.commit();
    assertThatThrownBy(() -> a.append(0, UP, 1, 1)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(a::commit).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentAppendersLoseNothing() throws Exception {
    int threads = 4;
    int seriesPerThread = 500;
    int rounds = 50;
    AtomicInteger failures = new AtomicInteger();
    List<Thread> ts = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int id = k;
      ts.add(Thread.ofPlatform().start(() -> {
        try {
          long[] refs = new long[seriesPerThread];
          for (int r = 0; r < rounds; r++) {
            Appender app = head.appender();
            for (int i = 0; i < seriesPerThread; i++) {
              // Every thread writes its own series and a shared one at its own timestamps.
              refs[i] = app.append(refs[i], Labels.of("t", "" + id, "i", "" + i), r * 1000L, r);
            }
            app.commit();
          }
        } catch (RuntimeException e) {
          failures.incrementAndGet();
        }
      }));
    }
    // Read while writing: every sample read must be one that was written.
    try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
      SeriesSet set = q.select(false, Matcher.regex("t", ".+"));
      while (set.next()) {
        SampleIterator it = set.at().iterator(null);
        while (it.next() == ValueType.FLOAT) {
          assertThat(it.v()).isEqualTo(it.t() / 1000.0);
        }
      }
    }
    for (Thread t : ts) {
      t.join(60_000);
    }
    assertThat(failures).hasValue(0);
    assertThat(head.numSeries()).isEqualTo(threads * seriesPerThread);
    assertThat(head.stats().samplesAppended()).isEqualTo((long) threads * seriesPerThread * rounds);
  }
}
