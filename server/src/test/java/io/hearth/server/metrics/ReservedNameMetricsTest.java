package io.hearth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ReservedNameMetricsTest {
  private final ReservedNameMetrics m = new ReservedNameMetrics();

  @Test
  void writesPrometheusTextWithHelpBeforeType() throws IOException {
    m.counter("x_created_total", "Things created.", () -> 7);
    m.constantGauge("x_build_info", "Build.", "version", "1\"2", "goos", "linux");
    check(false, """
        # HELP x_created_total Things created.
        # TYPE x_created_total counter
        x_created_total 7
        # HELP x_build_info Build.
        # TYPE x_build_info gauge
        x_build_info{version="1\\"2",goos="linux"} 1
        """);
  }

  @Test
  void writesOpenMetricsWithTheCounterFamilyNamedWithoutTotal() throws IOException {
    m.counter("x_created_total", "Things created.", () -> 7);
    check(true, """
        # TYPE x_created counter
        # HELP x_created Things created.
        x_created_total 7
        """);
  }

  @Test
  void skipsAFamilyWhoseValueIsNotKnownYet() throws IOException {
    AtomicLong v = new AtomicLong(-1);
    m.counter("x_created_total", "Things created.", v::get);
    check(false, "");
    v.set(0);
    check(false, """
        # HELP x_created_total Things created.
        # TYPE x_created_total counter
        x_created_total 0
        """);
  }

  @Test
  void refusesACounterNotEndingInTotal() {
    assertThatThrownBy(() -> m.counter("x_created", "h", () -> 1))
        .hasMessage("a counter's name must end in _total, got x_created");
  }

  private void check(boolean openMetrics, String want) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    m.write(out, openMetrics);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(want);
  }
}
