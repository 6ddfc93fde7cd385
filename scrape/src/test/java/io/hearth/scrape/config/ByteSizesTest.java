package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
  private static void check(String in, long want) {
    assertThat(ByteSizes.parse(in)).as(in).isEqualTo(want);
  }

  private static void fails(String in, String message) {
    assertThatThrownBy(() -> ByteSizes.parse(in)).as(in).hasMessage(message);
  }

  @Test
  void everyUnitIsAPowerOf1024() {
    check("0", 0);
    check("512B", 512);
    check("1KB", 1024);
    check("1KiB", 1024);
    check("10MB", 10L << 20);
    check("10MiB", 10L << 20);
    check("1GB", 1L << 30);
    check("1GiB", 1L << 30);
    check("2TB", 2L << 40);
    check("1PiB", 1L << 50);
    check("1EB", 1L << 60);
    check("1.5MB", 3L << 19);
    check(".5KB", 512);
    check("1GiB512MiB", (1L << 30) + (512L << 20));
    check("-1KB", -1024);
  }

  @Test
  void rejectsWhatTheUnitsLibraryRejects() {
    fails("", "units: invalid ");
    fails("1024", "units: unknown unit  in 1024");
    fails("1kB", "units: unknown unit kB in 1kB");
    fails("10x", "units: unknown unit x in 10x");
    fails("MB", "units: invalid MB");
    fails(".KB", "units: invalid .KB");
    fails("1MB512KiB", "units: unknown unit KiB in 1MB512KiB");
    fails("9000EB", "units: overflow parsing unit");
  }
}
