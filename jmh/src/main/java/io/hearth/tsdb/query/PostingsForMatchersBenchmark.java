package io.hearth.tsdb.query;

import io.hearth.labels.Labels;
import io.hearth.labels.Matcher;
import io.hearth.tsdb.index.IndexReader;
import io.hearth.tsdb.index.MemPostings;
import io.hearth.tsdb.index.Postings;
import io.hearth.tsdb.index.SyntheticSeries;
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
 * Selecting series by matchers over a 1M-series head ({@link SyntheticSeries}): the cost of
 * turning matchers into postings and draining them, including the label value scans regexes
 * need. Also label values under a matcher.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PostingsForMatchersBenchmark {
  private HeadLikeIndex ix;
  private Matcher[] nameRegexNotEqual;
  private Matcher[] regexOnly;
  private Matcher[] setMatch;
  private Matcher[] name;

  @Setup
  public void setUp() {
    ix = new HeadLikeIndex(new SyntheticSeries(), 1_000_000);
    nameRegexNotEqual = new Matcher[] {
      Matcher.equal(Labels.METRIC_NAME, SyntheticSeries.METRIC),
      Matcher.regex("pod", "api-.*"),
      Matcher.notEqual("code", "500"),
    };
    regexOnly = new Matcher[] {Matcher.regex("pod", "api-.*")};
    setMatch = new Matcher[] {
      Matcher.equal(Labels.METRIC_NAME, SyntheticSeries.METRIC),
      Matcher.regex("code", "500|503|404"),
    };
    name = new Matcher[] {Matcher.equal(Labels.METRIC_NAME, SyntheticSeries.METRIC)};
  }

  /** {__name__="http_requests_total", pod=~"api-.*", code!="500"}: about 2.2k series. */
  @Benchmark
  public long nameRegexNotEqual() {
    return drain(PostingsForMatchers.select(ix, nameRegexNotEqual));
  }

  /** {pod=~"api-.*"} alone: a union of 1,000 lists, about 200k series. */
  @Benchmark
  public long regexOnly() {
    return drain(PostingsForMatchers.select(ix, regexOnly));
  }

  /** {__name__="http_requests_total", code=~"500|503|404"}: three direct lookups. */
  @Benchmark
  public long nameAndSetMatch() {
    return drain(PostingsForMatchers.select(ix, setMatch));
  }

  /** label_values(pod) for {__name__="http_requests_total"}: 12k series against 5,000 values. */
  @Benchmark
  public List<String> podValuesForName() {
    return PostingsForMatchers.labelValues(ix, "pod", name);
  }

  private static long drain(Postings p) {
    long n = 0;
    for (long r = p.next(); r != Postings.END; r = p.next()) {
      n++;
    }
    return n;
  }

  /** A head-like index: MemPostings plus the labels of each series in an array. */
  static final class HeadLikeIndex implements IndexReader {
    private final MemPostings postings;
    private final Labels[] series;

    HeadLikeIndex(SyntheticSeries gen, int n) {
      series = new Labels[n];
      for (int i = 0; i < n; i++) {
        series[i] = gen.labels(i);
      }
      postings = new MemPostings();
      for (int i = 0; i < n; i++) {
        postings.add(i + 1, series[i]);
      }
    }

    @Override
    public Postings postings(String name, String value) {
      return postings.postings(name, value);
    }

    @Override
    public Postings allPostings() {
      return postings.all();
    }

    @Override
    public List<String> labelValues(String name) {
      return postings.labelValues(name);
    }

    @Override
    public List<String> labelNames() {
      return postings.labelNames();
    }

    @Override
    public Labels series(long ref) {
      return ref >= 1 && ref <= series.length ? series[(int) ref - 1] : null;
    }
  }
}
