package io.hearth.tsdb.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

class SeriesTableTest {
  @Test
  void tellsCollidingHashesApartByLabels() {
    SeriesTable table = new SeriesTable(4, l -> 0x1234_5678_9abc_def0L); // every hash collides
    List<MemSeries> created = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      created.add(table.getOrCreate(Labels.of("i", "" + i), 0, s -> {}));
    }
    for (int i = 0; i < 100; i++) {
      assertThat(table.get(Labels.of("i", "" + i))).isSameAs(created.get(i));
      assertThat(table.getOrCreate(Labels.of("i", "" + i), 0, s -> {})).isSameAs(created.get(i));
      assertThat(table.byRef(created.get(i).ref)).isSameAs(created.get(i));
    }
    assertThat(table.get(Labels.of("i", "100"))).isNull();
    assertThat(table.lastRef()).isEqualTo(100);
  }

  @Test
  void handsOutDenseReferencesAndHonoursGivenOnes() {
    SeriesTable table = new SeriesTable(16);
    Labels a = Labels.of("a", "1");
    assertThat(table.getOrCreate(a, 0, s -> {}).ref).isEqualTo(1);
    Labels b = Labels.of("a", "2");
    assertThat(table.getOrCreate(b, 50_000, s -> {}).ref).isEqualTo(50_000);
    Labels c = Labels.of("a", "3");
    assertThat(table.getOrCreate(c, 0, s -> {}).ref).isEqualTo(50_001);
    // The same labels under another reference resolve to the existing series.
    assertThat(table.getOrCreate(a, 7, s -> {}).ref).isEqualTo(1);
    assertThat(table.byRef(7)).isNull();
    assertThat(table.byRef(0)).isNull();
    assertThat(table.byRef(1L << 40)).isNull();
  }

  @Test
  void concurrentCreatorsAgreeOnOneSeriesPerLabelSet() throws Exception {
    SeriesTable table = new SeriesTable(8);
    int threads = 4;
    int perThread = 5_000;
    ConcurrentLinkedQueue<MemSeries> onCreate = new ConcurrentLinkedQueue<>();
    CyclicBarrier start = new CyclicBarrier(threads);
    MemSeries[][] seen = new MemSeries[threads][perThread];
    List<Thread> ts = new ArrayList<>();
    for (int k = 0; k < threads; k++) {
      int id = k;
      ts.add(Thread.ofPlatform().start(() -> {
        try {
          start.await();
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
        for (int i = 0; i < perThread; i++) {
          Labels l = Labels.of("i", "" + i);
          seen[id][i] = table.getOrCreate(l, 0, onCreate::add);
        }
      }));
    }
    for (Thread t : ts) {
      t.join(30_000);
    }
    assertThat(onCreate).hasSize(perThread);
    for (int i = 0; i < perThread; i++) {
      for (int k = 1; k < threads; k++) {
        assertThat(seen[k][i]).isSameAs(seen[0][i]);
      }
    }
    assertThat(table.lastRef()).isEqualTo(perThread);
  }
}
