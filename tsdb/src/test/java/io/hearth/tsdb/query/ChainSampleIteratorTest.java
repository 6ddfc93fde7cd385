package io.hearth.tsdb.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.storage.SampleIterator;
import io.hearth.storage.ValueType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainSampleIteratorTest {
  /** A place's samples as {t, v} pairs. */
  private static SampleIterator place(double... tv) {
    return new SampleIterator() {
      private int i = -2;

      @Override
      public ValueType next() {
        i += 2;
        return i < tv.length ? ValueType.FLOAT : ValueType.NONE;
      }

      @Override
      public ValueType seek(long t) {
        if (i < 0) {
          i = 0;
        }
        while (i < tv.length && tv[i] < t) {
          i += 2;
        }
        return i < tv.length ? ValueType.FLOAT : ValueType.NONE;
      }

      @Override
      public long t() {
        return (long) tv[i];
      }

      @Override
      public double v() {
        return tv[i + 1];
      }
    };
  }

  private static List<String> drain(SampleIterator it) {
    List<String> out = new ArrayList<>();
    while (it.next() == ValueType.FLOAT) {
      out.add(it.t() + "=" + it.v());
    }
    return out;
  }

  private static void check(List<SampleIterator> places, String... want) {
    assertThat(drain(new ChainSampleIterator(places.toArray(SampleIterator[]::new)))).containsExactly(want);
  }

  @Test
  void interleavesPlacesInTimeOrder() {
    check(List.of(place(1, 10, 4, 40), place(2, 20, 3, 30, 5, 50)), "1=10.0", "2=20.0", "3=30.0", "4=40.0", "5=50.0");
  }

  @Test
  void aTimestampHeldTwiceIsKeptOnceFromTheEarlierPlace() {
    check(List.of(place(1, 10, 2, 20), place(2, 99, 3, 30), place(2, 77)), "1=10.0", "2=20.0", "3=30.0");
  }

  @Test
  void emptyPlacesAreSkipped() {
    check(List.of(place(), place(5, 1), place()), "5=1.0");
    check(List.of(place(), place()));
  }

  @Test
  void seekLandsOnTheFirstSampleAtOrAfterAndNeverGoesBack() {
    ChainSampleIterator it = new ChainSampleIterator(new SampleIterator[] {place(1, 1, 6, 6), place(3, 3, 6, 9, 8, 8)});
    assertThat(it.seek(2)).isEqualTo(ValueType.FLOAT);
    assertThat(it.t()).isEqualTo(3);
    assertThat(it.seek(1)).isEqualTo(ValueType.FLOAT);
    assertThat(it.t()).isEqualTo(3);
    assertThat(it.seek(6)).isEqualTo(ValueType.FLOAT);
    assertThat(it.v()).isEqualTo(6.0);
    assertThat(drain(it)).containsExactly("8=8.0");
    assertThat(it.seek(100)).isEqualTo(ValueType.NONE);
  }

  @Test
  void resetReusesTheIteratorForOtherPlaces() {
    ChainSampleIterator it = new ChainSampleIterator(new SampleIterator[] {place(1, 1), place(2, 2)});
    drain(it);
    it.reset(new SampleIterator[] {place(7, 7), place(7, 8)});
    assertThat(drain(it)).containsExactly("7=7.0");
  }
}
