package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.promql.PromqlException;
import io.hearth.promql.engine.Engine;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.promql.engine.Query;
import io.hearth.storage.Queryable;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import io.hearth.labels.SymbolTable;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryFlagsTest {
  private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

  private EngineOptions parse(String... args) {
    QueryFlags flags = new QueryFlags();
    PrintStream w = new PrintStream(warnings, true, StandardCharsets.UTF_8);
    for (String arg : args) {
      assertThat(flags.accept(arg, w)).as(arg).isTrue();
    }
    return flags.options();
  }

  @Test
  void extraScrapeMetricsIsAcceptedWithPrometheussPhaseOutWarning() {
    QueryFlags flags = new QueryFlags();
    PrintStream w = new PrintStream(warnings, true, StandardCharsets.UTF_8);
    assertThat(flags.extraScrapeMetrics()).isFalse();
    assertThat(flags.accept("--enable-feature=extra-scrape-metrics", w)).isTrue();
    assertThat(flags.extraScrapeMetrics()).isTrue();
    assertThat(warnings.toString(StandardCharsets.UTF_8)).contains("being phased out");
  }

  @Test
  void defaultsAreThoseOfPrometheus() {
    assertThat(parse()).isEqualTo(EngineOptions.defaults());
  }

  @Test
  void queryFlagsSetTheEngine() {
    EngineOptions o = parse("--query.lookback-delta=1m30s", "--query.timeout=10s",
        "--query.max-samples=1000");
    assertThat(o.lookbackDeltaMs()).isEqualTo(90_000);
    assertThat(o.timeoutMs()).isEqualTo(10_000);
    assertThat(o.maxSamples()).isEqualTo(1000);
  }

  @Test
  void featuresAreCommaSeparatedAndRepeatable() {
    EngineOptions o = parse("--enable-feature=promql-experimental-functions,exemplar-storage",
        "--enable-feature=promql-delayed-name-removal", "--enable-feature=no-such-thing");
    assertThat(o.experimentalFunctions()).isTrue();
    assertThat(o.delayedNameRemoval()).isTrue();
    assertThat(warnings.toString(StandardCharsets.UTF_8))
        .contains("feature exemplar-storage is not supported by Hearth yet")
        .contains("unknown option for --enable-feature: no-such-thing");
  }

  @Test
  void malformedValuesNameTheFlag() {
    assertThatThrownBy(() -> parse("--query.timeout=soon"))
        .hasMessageStartingWith("invalid value \"soon\" for flag --query.timeout");
    assertThatThrownBy(() -> parse("--query.max-samples=0"))
        .hasMessage("invalid value \"0\" for flag --query.max-samples: expected a positive integer");
  }

  @Test
  void otherFlagsAreNotOurs() {
    assertThat(new QueryFlags().accept("--storage.tsdb.path=x", System.err)).isFalse();
    assertThat(new QueryFlags().accept("--enable-feature", System.err)).isFalse();
  }

  @Test
  void experimentalFunctionsNeedTheFeature() {
    Queryable empty = new Head(HeadOptions.defaults(), new SymbolTable());
    String q = "sort_by_label(vector(1), \"a\")";
    assertThatThrownBy(() -> run(new Engine(parse()), empty, q))
        .isInstanceOf(PromqlException.class)
        .hasMessageContaining("sort_by_label");
    assertThat(run(new Engine(parse("--enable-feature=promql-experimental-functions")), empty, q))
        .isNotNull();
  }

  private static Object run(Engine engine, Queryable storage, String q) {
    try (Query query = engine.newInstantQuery(storage, q, 1000)) {
      return query.exec().value();
    }
  }
}
