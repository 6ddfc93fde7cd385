package io.hearth.server.metrics;

import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The process-level metrics of {@code cmd/prometheus/main.go} and {@code web/web.go}: build info,
 * readiness and the outcome of the last configuration (re)load. Thread-safe.
 *
 * <p>{@code prometheus_build_info} keeps Prometheus's label set so that dashboards which join on it
 * keep working, filled with what is true of Hearth: {@code version} is Hearth's, {@code
 * goversion} names the Java runtime ({@code java25.0.1}, say), {@code goos}/{@code goarch} are
 * spelled as Go spells them, and {@code revision}, {@code branch} and {@code tags} say {@code
 * unknown} since the build does not record them.
 */
public final class ServerMetrics {
  private final Gauge reloadSuccessful;
  private final Gauge reloadTimestamp;
  private final LongSupplier nowMs;

  /**
   * @param version Hearth's version
   * @param isReady whether the server has finished starting and serves its API
   */
  public ServerMetrics(PrometheusRegistry registry, ReservedNameMetrics reserved, String version,
      BooleanSupplier isReady, LongSupplier nowMs) {
    this.nowMs = nowMs;
    // A gauge of constant 1, as Go's version collector makes it; client_java would only make it an
    // info metric, whose OpenMetrics type Prometheus does not give it.
    reserved.constantGauge("prometheus_build_info",
        "A metric with a constant '1' value labeled by version, revision, branch, goversion from which "
            + "prometheus was built, and the goos and goarch for the build.",
        "branch", "unknown",
        "goarch", goArch(System.getProperty("os.arch")),
        "goos", goOs(System.getProperty("os.name")),
        "goversion", "java" + Runtime.version(),
        "revision", "unknown",
        "tags", "unknown",
        "version", version);
    GaugeWithCallback.builder()
        .name("prometheus_ready")
        .help("Whether Prometheus startup was fully completed and the server is ready for normal operation.")
        .callback(cb -> cb.call(isReady.getAsBoolean() ? 1 : 0))
        .register(registry);
    reloadSuccessful = Gauge.builder()
        .name("prometheus_config_last_reload_successful")
        .help("Whether the last configuration reload attempt was successful.")
        .register(registry);
    reloadTimestamp = Gauge.builder()
        .name("prometheus_config_last_reload_success_timestamp_seconds")
        .help("Timestamp of the last successful configuration reload.")
        .register(registry);
  }

  /** A configuration was loaded at start or on reload, or failed to be; a failure keeps the old time. */
  public void configLoaded(boolean isSuccess) {
    if (isSuccess) {
      reloadSuccessful.set(1);
      reloadTimestamp.set(nowMs.getAsLong() / 1e3);
    } else {
      reloadSuccessful.set(0);
    }
  }

  /** Java's {@code os.name} as Go's GOOS: "linux", "darwin", "windows", ... */
  static String goOs(String osName) {
    String s = osName.toLowerCase(Locale.ROOT);
    if (s.startsWith("mac")) {
      return "darwin";
    }
    if (s.startsWith("windows")) {
      return "windows";
    }
    return s.replace(' ', '_');
  }

  /** Java's {@code os.arch} as Go's GOARCH: "amd64", "arm64", "386", ... */
  static String goArch(String osArch) {
    return switch (osArch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      default -> osArch;
    };
  }
}
