package io.hearth.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.labels.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFileWriterTest {
  /**
   * The index promtool 2.42 wrote for three series, {@code a{x="1"}} (two samples),
   * {@code a{x="2"}} and {@code b}, from
   * {@code promtool tsdb create-blocks-from openmetrics}: symbols with "", 16-byte aligned series,
   * label indices, postings, both offset tables and the TOC.
   */
  static final String PROMTOOL_INDEX =
      "baaad7000200000018000000070001310132085f5f6e616d655f5f016101620178328f32b900000000000000000000000f02030406010180a0abfef962987508ff39d4b00000000000000000000000000e020304060201b08aadfef96200230c2b63f5000000000000000000000000000c01030501e0f4aefef962003ac4a1c7b800000000000010000000010000000200000004000000054a87d2420000001000000001000000020000000100000002461967b5000000100000000300000003000000050000000706376b9b0000000c000000020000000300000005bb33cbd400000008000000010000000760f3b9cd000000080000000100000003a7692ed200000008000000010000000581c8c93a000000150000000201085f5f6e616d655f5f84010101789c01e78ded3c0000003300000005020000b40102085f5f6e616d655f5f0161cc0102085f5f6e616d655f5f0162e0010201780131f00102017801328002afbd1ee7000000000000000500000000000000250000000000000081000000000000011000000000000000b4000000000000012dd7bf7485";

  @TempDir Path dir;

  @Test
  void writesPromtoolsBytes() throws Exception {
    Path f = dir.resolve("index");
    try (IndexFileWriter w = new IndexFileWriter(f, List.of("", "1", "2", "__name__", "a", "b", "x"))) {
      w.addSeries(Labels.of("__name__", "a", "x", "1"), new ChunkMetas().add(1700000000000L, 1700000015000L, 8));
      w.addSeries(Labels.of("__name__", "a", "x", "2"), new ChunkMetas().add(1700000015000L, 1700000015000L, 35));
      w.addSeries(Labels.of("__name__", "b"), new ChunkMetas().add(1700000030000L, 1700000030000L, 58));
      w.finish();
    }
    assertThat(HexFormat.of().formatHex(Files.readAllBytes(f))).isEqualTo(PROMTOOL_INDEX);
  }

  @Test
  void refusesSeriesOutOfOrderAndUnknownSymbols() throws Exception {
    try (IndexFileWriter w = new IndexFileWriter(dir.resolve("index"), List.of("", "a", "b", "x"))) {
      w.addSeries(Labels.of("x", "b"), new ChunkMetas().add(1, 2, 8));
      assertThatThrownBy(() -> w.addSeries(Labels.of("x", "a"), new ChunkMetas()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("out of order");
      assertThatThrownBy(() -> w.addSeries(Labels.of("x", "c"), new ChunkMetas()))
          .hasMessageContaining("symbol \"c\" is not in the symbol table");
      assertThatThrownBy(() -> w.addSeries(Labels.of("x", "x"), new ChunkMetas().add(1, 2, 4)))
          .hasMessageContaining("below the previous");
    }
    assertThatThrownBy(() -> new IndexFileWriter(dir.resolve("index2"), List.of("b", "a")))
        .hasMessageContaining("sorted");
  }
}
