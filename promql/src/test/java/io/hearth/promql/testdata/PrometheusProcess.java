package io.hearth.promql.testdata;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus (the {@code prometheus} and {@code promtool} on the PATH) serving an
 * OpenMetrics file, for the differential tests of promql and server: the file is imported with
 * {@code promtool tsdb create-blocks-from openmetrics}, the server runs on 127.0.0.1 on a free port
 * with no scrape jobs. {@link #close()} stops the process; nothing else is left running.
 */
public final class PrometheusProcess implements AutoCloseable {
  private static final long IMPORT_TIMEOUT_SECONDS = 300;

  private final Process process;
  private final URI base;
  private final Path log;

  private PrometheusProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** True if both binaries are on the PATH. */
  public static boolean available() {
    return onPath("prometheus") && onPath("promtool");
  }

  private static boolean onPath(String exe) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Imports {@code om} into a fresh TSDB under {@code work} and starts Prometheus on it, waiting
   * at most {@code readyTimeout} for {@code /-/ready}.
   */
  public static PrometheusProcess start(Path om, Path work, Duration readyTimeout) throws IOException {
    Path data = work.resolve("data");
    deleteTree(data);
    Files.createDirectories(work);
    BenchData.run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(), data.toString()),
        work.resolve("promtool.log"), IMPORT_TIMEOUT_SECONDS);
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
    int port = freePort();
    Path log = work.resolve("prometheus.log");
    Process p = new ProcessBuilder(
            "prometheus",
            "--config.file=" + config,
            "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=3650d",
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PrometheusProcess s = new PrometheusProcess(p, URI.create("http://127.0.0.1:" + port), log);
    try {
      s.awaitReady(readyTimeout);
    } catch (RuntimeException | IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** The server's address, {@code http://127.0.0.1:port}. */
  public URI base() {
    return base;
  }

  /** Polls {@code /-/ready} every 50 ms until {@code timeout}. */
  private void awaitReady(Duration timeout) throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest req = HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for prometheus", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("prometheus not ready after " + timeout + ":\n" + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Stops the server: SIGTERM, then at most 10 s to exit, then SIGKILL. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
