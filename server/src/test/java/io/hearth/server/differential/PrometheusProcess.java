package io.hearth.server.differential;

import io.hearth.promql.testdata.BenchData;
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
 * A real Prometheus ({@code prometheus} and {@code promtool} on the PATH) serving an OpenMetrics
 * file, as promql's differential test runs it: imported with {@code promtool tsdb
 * create-blocks-from openmetrics}, started on 127.0.0.1 on a free port with no scrape jobs.
 * {@link #close()} stops it.
 */
final class PrometheusProcess implements AutoCloseable {
  private final Process process;
  final URI base;
  private final Path log;

  private PrometheusProcess(Process process, URI base, Path log) {
    this.process = process;
    this.base = base;
    this.log = log;
  }

  static boolean available() {
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

  static PrometheusProcess start(Path om, Path work, HttpClient http) throws IOException {
    Path data = work.resolve("data");
    deleteTree(data);
    Files.createDirectories(work);
    BenchData.run(List.of("promtool", "tsdb", "create-blocks-from", "openmetrics", om.toString(), data.toString()),
        work.resolve("promtool.log"), 120);
    Path config = work.resolve("prometheus.yml");
    Files.writeString(config, "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
    int port = freePort();
    Path log = work.resolve("prometheus.log");
    Process p = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=3650d", "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
    PrometheusProcess s = new PrometheusProcess(p, URI.create("http://127.0.0.1:" + port), log);
    try {
      awaitReady(s.base, http, p, log);
    } catch (RuntimeException | IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Polls {@code /-/ready} every 50 ms for at most 60 s. */
  static void awaitReady(URI base, HttpClient http, Process p, Path log) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    HttpRequest req = HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (p != null && !p.isAlive()) {
        throw new IllegalStateException("prometheus exited with " + p.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
    throw new IllegalStateException("prometheus not ready after 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** SIGTERM, at most 10 s to exit, then SIGKILL. */
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
