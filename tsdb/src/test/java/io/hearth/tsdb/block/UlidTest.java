package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UlidTest {
  @Test
  void roundTripsAndKeepsTime() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      Ulid u = Ulid.generate(r.nextLong(1L << 48), r);
      assertThat(Ulid.parse(u.toString())).isEqualTo(u);
      assertThat(Ulid.parse(u.toString().toLowerCase())).isEqualTo(u);
    }
    // a name promtool gave a block: it carries the creation time
    Ulid u = Ulid.parse("01M81GZ4PHA4J07XZQSDCMCA18");
    assertThat(u.toString()).isEqualTo("01M81GZ4PHA4J07XZQSDCMCA18");
    assertThat(Ulid.generate(u.timeMs(), r).toString()).startsWith("01M81GZ4PH");
    assertThat(Ulid.generate(1, r).compareTo(Ulid.generate(2, r))).isNegative();
  }

  @Test
  void refusesNonUlids() {
    assertThatThrownBy(() -> Ulid.parse("01M81GZ4PHA4J07XZQSDCMCA1")).hasMessageContaining("26 characters, got 25");
    assertThatThrownBy(() -> Ulid.parse("81M81GZ4PHA4J07XZQSDCMCA18")).hasMessageContaining("'8' at 0");
    assertThatThrownBy(() -> Ulid.parse("01M81GZ4PHA4J07XZQSDCMCA1U")).hasMessageContaining("'U' at 25");
    assertThat(Ulid.isValid("wal")).isFalse();
  }
}
