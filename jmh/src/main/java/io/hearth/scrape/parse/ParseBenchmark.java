package io.hearth.scrape.parse;

import io.hearth.labels.LabelsBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Text-format parsing of real payloads: one operation parses a whole scrape; the {@code samples}
 * counter gives samples per second. {@code next} reads what a scrape-cache hit needs (series
 * bytes, value, timestamp); {@code nextAndLabels} also builds every sample's labels, as a cache
 * miss does. With {@code -prof gc}, {@code gc.alloc.rate.norm} of {@code next} is the allocation
 * per payload, and should be ~0.
 *
 * <pre>
 * java -jar jmh/target/benchmarks.jar ParseBenchmark -wi 2 -i 3 -f 1 -prof gc
 * </pre>
 *
 * Payloads come from {@code shared/fixtures/exposition}, found above the working directory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParseBenchmark {
  @Param({"node_exporter", "cadvisor"})
  String payload;

  private byte[] bytes;
  private final PromTextParser parser = new PromTextParser();
  private final LabelsBuilder builder = new LabelsBuilder();

  /** Samples parsed, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long samples;
  }

  @Setup(Level.Trial)
  public void load() throws IOException {
    String file = switch (payload) {
      case "node_exporter" -> "node_exporter/e2e/e2e-output.txt";
      case "cadvisor" -> "cadvisor/prometheus_metrics";
      default -> throw new IllegalArgumentException("unknown payload, got " + payload);
    };
    bytes = Files.readAllBytes(fixtures().resolve(file));
  }

  static Path fixtures() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("shared/fixtures/exposition"))) {
        return d.resolve("shared/fixtures/exposition");
      }
    }
    throw new IllegalStateException("no shared/fixtures/exposition above the working directory");
  }

  @Benchmark
  public long next(Counters c) {
    PromTextParser p = parser;
    p.reset(bytes, bytes.length);
    long acc = 0;
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (e == Entry.SERIES) {
        acc += p.seriesLength() + Double.doubleToRawLongBits(p.value()) + (p.hasTimestamp() ? p.timestamp() : 0);
        c.samples++;
      }
    }
    return acc;
  }

  @Benchmark
  public void nextAndLabels(Counters c, Blackhole bh) {
    PromTextParser p = parser;
    p.reset(bytes, bytes.length);
    for (Entry e = p.next(); e != Entry.EOF; e = p.next()) {
      if (e == Entry.SERIES) {
        builder.reset();
        p.labels(builder);
        bh.consume(builder.build());
        bh.consume(p.value());
        c.samples++;
      }
    }
  }
}
