package io.hearth.scrape.differential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code prometheus} binary scraping with a given config: 127.0.0.1 on a free port, a
 * fresh data directory, its log in the work directory. {@link #close()} stops it.
 */
final class PrometheusProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VERSION = Pattern.compile("prometheus, version (\\d+)\\.(\\d+)\\.(\\d+)");

  final Version version;
  private final Process process;
  private final URI base;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  /** A Prometheus release, for deciding which known differences apply. */
  record Version(int major, int minor, int patch) implements Comparable<Version> {
    static Version parse(String s) {
      String[] p = s.split("\\.");
      return new Version(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
    }

    @Override
    public int compareTo(Version o) {
      int c = Integer.compare(major, o.major);
      if (c == 0) {
        c = Integer.compare(minor, o.minor);
      }
      return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }

  private PrometheusProcess(Version version, Process process, URI base, Path log) {
    this.version = version;
    this.process = process;
    this.base = base;
    this.log = log;
  }

  /** The {@code prometheus} on the PATH, or an assertion failure saying how to get it. */
  static Path binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = dir.isEmpty() ? null : Path.of(dir, "prometheus");
      if (p != null && Files.isExecutable(p)) {
        return p;
      }
    }
    throw new AssertionError(
        "prometheus is not installed: this differential test needs the real server"
            + " (./dev test installs Debian's, apt-get install prometheus)");
  }

  /** Starts Prometheus with {@code config}, waiting at most {@code timeout} for /-/ready. */
  static PrometheusProcess start(Path config, Path work, int port, Duration timeout)
      throws IOException, InterruptedException {
    Path exe = binary();
    Version version = versionOf(exe, work);
    Path log = work.resolve("prometheus.log");
    Process p =
        new ProcessBuilder(
                exe.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("prometheus-data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrometheusProcess s =
        new PrometheusProcess(version, p, URI.create("http://127.0.0.1:" + port), log);
    try {
      s.awaitReady(timeout);
    } catch (IOException | RuntimeException | InterruptedException | AssertionError e) {
      s.close();
      throw e;
    }
    return s;
  }

  private static Version versionOf(Path exe, Path work) throws IOException, InterruptedException {
    Path out = work.resolve("prometheus-version.txt");
    Process p =
        new ProcessBuilder(exe.toString(), "--version")
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(10, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(exe + " --version did not finish within 10 s");
    }
    String text = Files.readString(out);
    Matcher m = VERSION.matcher(text);
    if (!m.find()) {
      throw new AssertionError("cannot read the version of " + exe + " from: " + text);
    }
    return new Version(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
  }

  private void awaitReady(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "prometheus exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      try {
        if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new AssertionError("prometheus not ready after " + timeout + ":\n" + Files.readString(log));
  }

  /** GETs an API path with query parameters (name, value, name, value, …); returns {@code data}. */
  JsonNode api(String path, String... params) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder(path);
    for (int i = 0; i < params.length; i += 2) {
      q.append(i == 0 ? '?' : '&')
          .append(params[i])
          .append('=')
          .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(q.toString())).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    JsonNode root = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(root.path("status").asText())) {
      throw new AssertionError("prometheus " + q + " answered " + r.statusCode() + ": " + r.body());
    }
    return root.path("data");
  }

  /** The server's log so far, for failure messages. */
  String log() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
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
