package io.hearth.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.tsdb.io.CorruptBlockException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaJsonTest {
  private static final Path FILE = Path.of("b", "meta.json");

  /** What promtool 2.42 wrote for a backfilled block. */
  private static final String PROMTOOL = """
      {
      \t"ulid": "01M81GZ4PHA4J07XZQSDCMCA18",
      \t"minTime": 1700000000000,
      \t"maxTime": 1700000030001,
      \t"stats": {
      \t\t"numSamples": 4,
      \t\t"numSeries": 3,
      \t\t"numChunks": 3
      \t},
      \t"compaction": {
      \t\t"level": 1,
      \t\t"sources": [
      \t\t\t"01M81GZ4PHA4J07XZQSDCMCA18"
      \t\t]
      \t},
      \t"version": 1
      }""";

  @Test
  void writesWhatPrometheusWrites() {
    BlockMeta m = MetaJson.read(FILE, PROMTOOL);
    assertThat(m.stats()).isEqualTo(new BlockMeta.Stats(4, 3, 3, 0));
    assertThat(m.compaction()).isEqualTo(BlockMeta.Compaction.level1(m.ulid()));
    assertThat(MetaJson.write(m)).isEqualTo(PROMTOOL);
  }

  @Test
  void roundTripsACompactedBlock() {
    Ulid a = Ulid.parse("01M81GZ4PHA4J07XZQSDCMCA18");
    Ulid b = Ulid.parse("01M81GZ4PHA4J07XZQSDCMCA19");
    Ulid c = Ulid.parse("01M81GZ4PHA4J07XZQSDCMCA1A");
    BlockMeta m = new BlockMeta(c, 0, 14_400_000, BlockMeta.Stats.EMPTY,
        new BlockMeta.Compaction(2, List.of(a, b), true, List.of(new BlockMeta.BlockDesc(a, 0, 7_200_000),
            new BlockMeta.BlockDesc(b, 7_200_000, 14_400_000)), true, List.of("from-out-of-order")), 1);
    String json = MetaJson.write(m);
    assertThat(json).contains("\t\"stats\": {},\n").contains("""
        \t\t"parents": [
        \t\t\t{
        \t\t\t\t"ulid": "01M81GZ4PHA4J07XZQSDCMCA18",
        \t\t\t\t"minTime": 0,
        \t\t\t\t"maxTime": 7200000
        \t\t\t},""");
    assertThat(MetaJson.read(FILE, json)).isEqualTo(m);
  }

  @Test
  void ignoresUnknownFieldsAndRefusesBadOnes() {
    String v3 = PROMTOOL.replace("\"numChunks\": 3", "\"numChunks\": 3,\n\t\t\"numFloatSamples\": 4");
    assertThat(MetaJson.read(FILE, v3).stats().numChunks()).isEqualTo(3);
    assertThatThrownBy(() -> MetaJson.read(FILE, PROMTOOL.replace("\"minTime\": 1700000000000", "\"minTime\": \"x\"")))
        .isInstanceOf(CorruptBlockException.class).hasMessageContaining("minTime: expected an integer");
    assertThatThrownBy(() -> MetaJson.read(FILE, PROMTOOL.replace("01M81GZ4PHA4J07XZQSDCMCA18\",", "nope\",")))
        .hasMessageContaining("ulid: a ULID has 26 characters");
    assertThatThrownBy(() -> MetaJson.read(FILE, "{\"version\": 1, ")).hasMessageContaining("bad meta.json");
  }
}
