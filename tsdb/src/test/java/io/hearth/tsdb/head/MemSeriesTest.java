package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Chunk cutting must match Prometheus's, so that blocks hold the same chunks. */
class MemSeriesTest {
  private static final long HOUR = 3_600_000L;
  private final HeadOptions opts = HeadOptions.defaults();
  private final ChunkArena arena = new ChunkArena();
  private final long owner = 1;

  @AfterEach
  void freeArena() {
    arena.close();
  }

  private MemSeries series() {
    return new MemSeries(1, Labels.of("a", "b"));
  }

  @Test
  void fifteenSecondScrapesMakeFourChunksOf120PerTwoHours() {
    MemSeries s = series();
    for (long t = 0; t < 2 * HOUR; t += 15_000) {
      assertThat(s.append(t, t, opts, arena, owner)).isTrue();
    }
    s.append(2 * HOUR, 1, opts, arena, owner); // crosses the chunk range: cuts the fourth chunk
    assertThat(s.closedChunkRanges())
        .isDeepEqualTo(new long[][] {
          {0, 1_785_000}, {1_800_000, 3_585_000}, {3_600_000, 5_385_000}, {5_400_000, 7_185_000}
        });
    assertThat(s.numChunks()).isEqualTo(5);
  }

  @Test
  void neverCutsAcrossTheChunkRangeBoundary() {
    MemSeries s = series();
    // A series that starts 10 minutes before a range boundary at a 1m interval.
    long start = 2 * HOUR - 10 * 60_000;
    for (long t = start; t < 2 * HOUR + 5 * 60_000; t += 60_000) {
      s.append(t, 1, opts, arena, owner);
    }
    assertThat(s.closedChunkRanges()).isDeepEqualTo(new long[][] {{start, 2 * HOUR - 60_000}});
  }

  @Test
  void cutsAtTwiceTheTargetWhenTheRatePicksUp() {
    MemSeries s = series();
    long t = 0;
    // 30 samples a minute apart predict one chunk for the whole range ...
    for (int i = 0; i < 30; i++, t += 60_000) {
      s.append(t, i, opts, arena, owner);
    }
    // ... then samples arrive every millisecond: the chunk is cut at 240 samples.
    for (int i = 0; i < 300; i++, t += 1) {
      s.append(t, i, opts, arena, owner);
    }
    long[][] closed = s.closedChunkRanges();
    assertThat(closed).hasNumberOfRows(1);
    assertThat(closed[0][0]).isZero();
    assertThat(closed[0][1]).isEqualTo(30 * 60_000L + 209); // the 240th sample
  }

  @Test
  void cutsAnXorChunkBeforeItPassesOneKilobyte() {
    MemSeries s = series();
    Random r = new Random(42);
    for (long t = 0; t < 600; t++) {
      s.append(t * 1000, Double.longBitsToDouble(r.nextLong()), opts, arena, owner);
    }
    long[][] closed = s.closedChunkRanges();
    assertThat(closed.length).isGreaterThan(3);
    // Random bit patterns take over 9 bytes each, so the byte cap cuts first, near 107 samples.
    long samplesInFirst = (closed[0][1] - closed[0][0]) / 1000 + 1;
    assertThat(samplesInFirst).isBetween(90L, 119L);
  }

  @Test
  void predictsTheEndTimeAtAQuarterFull() {
    // Values computed by hand from Prometheus's formula.
    assertThat(MemSeries.chunkEndTime(0, 435_000, 7_200_000)).isEqualTo(1_800_000);
    assertThat(MemSeries.chunkEndTime(1_800_000, 2_235_000, 7_200_000)).isEqualTo(3_600_000);
    assertThat(MemSeries.chunkEndTime(0, 6_000_000, 7_200_000)).isEqualTo(7_200_000);
    assertThat(MemSeries.rangeEnd(0, 7_200_000)).isEqualTo(7_200_000);
    assertThat(MemSeries.rangeEnd(7_199_999, 7_200_000)).isEqualTo(7_200_000);
    assertThat(MemSeries.rangeEnd(7_200_000, 7_200_000)).isEqualTo(14_400_000);
    // Go's division truncates toward zero, so negative times round up to the next range.
    assertThat(MemSeries.rangeEnd(-1, 7_200_000)).isEqualTo(7_200_000);
  }

  @Test
  void rejectsSamplesNotNewerThanTheLast() {
    MemSeries s = series();
    assertThat(s.append(1000, 1, opts, arena, owner)).isTrue();
    assertThat(s.append(1000, 1, opts, arena, owner)).isFalse();
    assertThat(s.append(999, 1, opts, arena, owner)).isFalse();
    assertThat(s.maxTime()).isEqualTo(1000);
    assertThat(s.minTime()).isEqualTo(1000);
  }

  @Test
  void admitsByTheOwnersPendingSampleThenTheCommittedOne() {
    MemSeries s = series();
    long other = 2;
    s.append(1000, 5, opts, arena, owner);
    assertThat(s.admit(owner, 2000, 1)).isZero();
    assertThat(s.admit(owner, 1500, 1)).isEqualTo(-1); // older than the owner's pending sample
    assertThat(s.admit(other, 1500, 1)).isZero(); // others compare with what is committed
    // The owner lost its pending slot to other, so it is compared with what is committed.
    assertThat(s.admit(owner, 1000, 5)).isEqualTo(1);
    assertThat(s.admit(3, 1000, 5)).isEqualTo(1); // exact duplicate: ignored
    assertThat(s.admit(4, 1000, 6)).isEqualTo(-2); // same timestamp, other value
    long staleNaN = 0x7ff0000000000002L;
    s.append(3000, Double.longBitsToDouble(staleNaN), opts, arena, owner);
    assertThat(s.admit(5, 3000, Double.longBitsToDouble(staleNaN))).isEqualTo(1);
    assertThat(s.admit(6, 3000, Double.NaN)).isEqualTo(-2); // compared by bits
  }
}
