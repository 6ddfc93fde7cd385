package io.hearth.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerMetricsTest {
  @Test
  void spellsJavaPlatformNamesAsGo() {
    assertThat(ServerMetrics.goOs("Linux")).isEqualTo("linux");
    assertThat(ServerMetrics.goOs("Mac OS X")).isEqualTo("darwin");
    assertThat(ServerMetrics.goOs("Windows 11")).isEqualTo("windows");
    assertThat(ServerMetrics.goArch("amd64")).isEqualTo("amd64");
    assertThat(ServerMetrics.goArch("x86_64")).isEqualTo("amd64");
    assertThat(ServerMetrics.goArch("aarch64")).isEqualTo("arm64");
    assertThat(ServerMetrics.goArch("riscv64")).isEqualTo("riscv64");
  }
}
