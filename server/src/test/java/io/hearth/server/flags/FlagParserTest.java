package io.hearth.server.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** kingpin's command-line rules as Prometheus 3.x applies them, one line per case. */
class FlagParserTest {
  /** Parses {@code args} and checks what {@code flag} then prints as (its status-API form). */
  private static void check(String flag, String want, String... args) {
    FlagValues v;
    try {
      v = FlagParser.parse(args);
    } catch (FlagException e) {
      throw new AssertionError(String.join(" ", args) + ": " + e.getMessage(), e);
    }
    assertThat(v.display(flag)).as(String.join(" ", args)).isEqualTo(want);
  }

  private static void fails(String message, String... args) {
    assertThatThrownBy(() -> FlagParser.parse(args)).as(String.join(" ", args))
        .isInstanceOf(FlagException.class).hasMessage(message);
  }

  @Test
  void valuesFollowAnEqualsSignOrComeAsTheNextArgument() {
    check("storage.tsdb.path", "data/");
    check("storage.tsdb.path", "/var/lib/hearth", "--storage.tsdb.path=/var/lib/hearth");
    check("storage.tsdb.path", "/var/lib/hearth", "--storage.tsdb.path", "/var/lib/hearth");
    check("web.page-title", "a=b", "--web.page-title=a=b");
    check("web.page-title", "", "--web.page-title=");
    check("web.external-url", "", "--web.config.file", "x");
  }

  @Test
  void booleansAreSwitchedOnAndOffAndMayCarryAValue() {
    check("web.enable-lifecycle", "false");
    check("web.enable-lifecycle", "true", "--web.enable-lifecycle");
    check("web.enable-lifecycle", "false", "--no-web.enable-lifecycle");
    check("storage.tsdb.wal-compression", "false", "--no-storage.tsdb.wal-compression");
    check("web.enable-lifecycle", "true", "--web.enable-lifecycle=true");
    check("web.enable-lifecycle", "false", "--web.enable-lifecycle=false");
    check("web.enable-lifecycle", "true", "--web.enable-lifecycle=1");
    check("agent", "false");
    // A boolean never takes the next argument as its value.
    fails("unexpected true", "--web.enable-lifecycle", "true");
    fails("invalid value \"yes\" for flag --web.enable-lifecycle: strconv.ParseBool: parsing \"yes\": invalid syntax",
        "--web.enable-lifecycle=yes");
    fails("unexpected true", "--no-web.enable-lifecycle=true");
  }

  @Test
  void durationsUsePrometheussSyntaxAndPrintBackCanonically() {
    check("query.timeout", "2m");
    check("query.timeout", "2m", "--query.timeout=120s");
    check("query.lookback-delta", "1m30s", "--query.lookback-delta=90s");
    check("storage.tsdb.retention.time", "90d", "--storage.tsdb.retention.time=90d");
    check("storage.tsdb.retention.time", "2w", "--storage.tsdb.retention.time=14d");
    check("storage.tsdb.retention.time", "1y", "--storage.tsdb.retention.time=1y");
    check("storage.agent.wal-truncate-frequency", "0s");
    check("scrape.timestamp-tolerance", "2ms");
    check("scrape.timestamp-tolerance", "1h0m0s", "--scrape.timestamp-tolerance=1h");
    check("scrape.timestamp-tolerance", "1.5s", "--scrape.timestamp-tolerance=1500ms");
    fails("invalid value \"soon\" for flag --query.timeout: not a valid duration string: \"soon\"",
        "--query.timeout=soon");
    fails("invalid value \"1.5h\" for flag --query.timeout: unknown unit \".\" in duration \"1.5h\"",
        "--query.timeout=1.5h");
    fails("invalid value \"5x\" for flag --query.timeout: unknown unit \"x\" in duration \"5x\"",
        "--query.timeout=5x");
    fails("invalid value \"1\" for flag --scrape.timestamp-tolerance: time: missing unit in duration \"1\"",
        "--scrape.timestamp-tolerance=1");
  }

  @Test
  void byteSizesArePowersOf1024AndPrintInBase2Units() {
    check("storage.tsdb.retention.size", "0B");
    check("storage.tsdb.retention.size", "512MiB", "--storage.tsdb.retention.size=512MB");
    check("storage.tsdb.retention.size", "1GiB", "--storage.tsdb.retention.size=1GB");
    check("storage.tsdb.retention.size", "1KiB512B", "--storage.tsdb.retention.size=1.5KB");
    fails("invalid value \"12\" for flag --storage.tsdb.retention.size: units: unknown unit  in 12",
        "--storage.tsdb.retention.size=12");
  }

  @Test
  void integersAreReadAsKingpinReadsThem() {
    check("storage.remote.read-sample-limit", "50000000");
    check("query.max-samples", "1000", "--query.max-samples=1e3");
    check("query.max-concurrency", "4", "--query.max-concurrency=4.9");
    check("rules.max-concurrent-evals", "16", "--rules.max-concurrent-evals=0x10");
    check("auto-gomemlimit.ratio", "0.5", "--auto-gomemlimit.ratio=.5");
    fails("invalid value \"abc\" for flag --query.max-concurrency: strconv.ParseFloat: parsing \"abc\": invalid syntax",
        "--query.max-concurrency=abc");
    fails("invalid value \"1.5\" for flag --rules.max-concurrent-evals: strconv.ParseInt: parsing \"1.5\": invalid syntax",
        "--rules.max-concurrent-evals=1.5");
  }

  @Test
  void enumsAcceptTheirValuesOnly() {
    check("log.level", "info");
    check("log.level", "debug", "--log.level=debug");
    check("log.level", "warn", "--log.level", "WARN");
    check("log.format", "json", "--log.format=json");
    check("storage.tsdb.wal-compression-type", "zstd", "--storage.tsdb.wal-compression-type=zstd");
    fails("invalid value \"bogus\" for flag --log.level: unrecognized log level bogus", "--log.level=bogus");
    fails("invalid value \"text\" for flag --log.format: unrecognized log format text", "--log.format=text");
    fails("invalid value \"lz4\" for flag --storage.tsdb.wal-compression-type: enum value must be one of"
        + " snappy,zstd, got 'lz4'", "--storage.tsdb.wal-compression-type=lz4");
  }

  @Test
  void repeatableFlagsCollectValuesThatReplaceTheDefault() {
    check("enable-feature", "");
    check("enable-feature", "a,b,c", "--enable-feature=a,b", "--enable-feature", "c");
    check("web.listen-address", "0.0.0.0:9090");
    check("web.listen-address", ":1,:2", "--web.listen-address=:1", "--web.listen-address=:2");
    check("web.remote-write-receiver.accepted-protobuf-messages",
        "prometheus.WriteRequest,io.prometheus.write.v2.Request");
    check("web.remote-write-receiver.accepted-protobuf-messages", "io.prometheus.write.v2.Request",
        "--web.remote-write-receiver.accepted-protobuf-messages=io.prometheus.write.v2.Request");
    fails("invalid value \"x\" for flag --web.remote-write-receiver.accepted-protobuf-messages: unknown type"
        + " for remote write protobuf message x, supported: prometheus.WriteRequest, io.prometheus.write.v2.Request",
        "--web.remote-write-receiver.accepted-protobuf-messages=x");
  }

  @Test
  void singleValuedFlagsCannotBeRepeated() {
    fails("flag 'web.cors.origin' cannot be repeated", "--web.cors.origin=a", "--web.cors.origin=b");
    fails("flag 'web.enable-lifecycle' cannot be repeated", "--web.enable-lifecycle", "--no-web.enable-lifecycle");
  }

  @Test
  void unknownFlagsMissingValuesAndStrayArgumentsAreErrors() {
    fails("unknown long flag '--foo'", "--foo");
    fails("unknown long flag '--foo'", "--foo=1");
    fails("unknown long flag '--no-query.timeout'", "--no-query.timeout");
    fails("unknown short flag '-x'", "-x");
    fails("expected argument for flag '--query.timeout'", "--query.timeout");
    fails("expected argument for flag '--query.timeout'", "--query.timeout", "--web.enable-lifecycle");
    fails("unexpected stray", "stray");
    fails("unexpected --foo", "--", "--foo");
  }

  @Test
  void helpAndVersionStopTheParse() throws FlagException {
    assertThat(FlagParser.parse("--help").isHelp()).isTrue();
    assertThat(FlagParser.parse("-h").isHelp()).isTrue();
    assertThat(FlagParser.parse("--query.timeout=1m", "--help", "--foo").isHelp()).isTrue();
    assertThat(FlagParser.parse("--version").isVersion()).isTrue();
    assertThat(FlagParser.parse().isHelp()).isFalse();
  }

  @Test
  void theFlagsGivenAreRecordedInOrder() throws FlagException {
    FlagValues v = FlagParser.parse("--web.page-title=x", "--enable-feature=a", "--query.timeout=1m",
        "--enable-feature=b");
    assertThat(v.setFlags()).containsExactly("web.page-title", "enable-feature", "query.timeout");
    assertThat(v.isSet("query.timeout")).isTrue();
    assertThat(v.isSet("query.max-samples")).isFalse();
  }

  @Test
  void everyDefaultIsAValidValueOfItsType() {
    for (Flag f : PrometheusFlags.ALL) {
      for (String d : f.defaults()) {
        assertThat(f.type().canonical(f, d)).as(f.name()).isNotNull();
      }
      assertThat(f.type().isRepeatable() || f.defaults().size() <= 1).as(f.name()).isTrue();
    }
    assertThat(PrometheusFlags.ALL).extracting(Flag::name).doesNotHaveDuplicates();
    assertThat(List.of("help", "version")).allMatch(n -> PrometheusFlags.get(n) != null);
  }
}
