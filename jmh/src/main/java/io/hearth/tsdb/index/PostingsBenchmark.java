package io.hearth.tsdb.index;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Set operations over {@link MemPostings} lists of a 1M-series head: an intersection of two
 * large lists, and a union of a thousand small ones. Each invocation takes fresh snapshots, as a
 * query would, and drains the result.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PostingsBenchmark {
  private MemPostings mp;
  private List<String> apiPods;

  @Setup
  public void setUp() {
    mp = new SyntheticSeries().index(1_000_000);
    apiPods = new ArrayList<>();
    for (String pod : mp.labelValues("pod")) {
      if (pod.startsWith("api-")) {
        apiPods.add(pod);
      }
    }
  }

  /** code="200" (about 100k refs) and method="GET" (about 200k refs): about 20k in common. */
  @Benchmark
  public long intersectTwoLargeLists() {
    return drain(Postings.intersect(List.of(mp.postings("code", "200"), mp.postings("method", "GET"))));
  }

  /** The 1,000 api-* pods, about 200 refs each. */
  @Benchmark
  public long unionOfManySmallLists() {
    List<Postings> ps = new ArrayList<>(apiPods.size());
    for (int i = 0; i < apiPods.size(); i++) {
      ps.add(mp.postings("pod", apiPods.get(i)));
    }
    return drain(Postings.union(ps));
  }

  /** Iterating one large list on its own, as the baseline for the two above. */
  @Benchmark
  public long iterateOneLargeList() {
    return drain(mp.postings("method", "GET"));
  }

  static long drain(Postings p) {
    long n = 0;
    for (long r = p.next(); r != Postings.END; r = p.next()) {
      n++;
    }
    return n;
  }
}
