package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.scrape.config.ConfigFile;
import io.hearth.scrape.loop.Target;
import io.hearth.server.http.ListenAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server runs the scrape jobs of its config file and reloads them. */
class ServerScrapeTest {
  @TempDir Path dir;
  private HttpServer target;
  private String address;
  private Server server;

  @BeforeEach
  void startTarget() throws Exception {
    target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    target.createContext(
        "/metrics",
        ex -> {
          byte[] b = "# TYPE jobs_done counter\njobs_done_total 7\n".getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          ex.sendResponseHeaders(200, b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    target.start();
    address = "127.0.0.1:" + target.getAddress().getPort();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    target.stop(0);
  }

  private Path config(String jobs) throws Exception {
    return Files.writeString(
        dir.resolve("prometheus.yml"),
        "global:\n  scrape_interval: 100ms\n  scrape_timeout: 100ms\nscrape_configs:\n" + jobs);
  }

  private String job(String name) {
    return "  - job_name: " + name + "\n    static_configs:\n      - targets: ['" + address + "']\n";
  }

  private Server start(Path configFile) throws Exception {
    return Server.start(
        new Server.Config(
            dir.resolve("data"), new ListenAddress("127.0.0.1", 0), EngineOptions.defaults(), 2,
            configFile));
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  private boolean allUp() {
    List<Target> all = server.scrapes().allActiveTargets();
    return !all.isEmpty() && all.stream().allMatch(t -> t.health() == Target.Health.UP);
  }

  @Test
  void scrapesTheJobsOfItsConfigFile() throws Exception {
    server = start(config(job("app")));
    await("app is up", this::allUp);
    assertThat(server.scrapes().activeTargets().keySet()).containsExactly("app");
    assertThat(server.db().head().numSeries()).isGreaterThanOrEqualTo(6);
  }

  @Test
  void aReloadAppliesANewConfigAndABadOneKeepsTheRunningOne() throws Exception {
    Path file = config(job("app"));
    server = start(file);
    await("app is up", this::allUp);

    config(job("app") + job("other"));
    assertThat(server.reload()).isNull();
    assertThat(server.scrapes().activeTargets().keySet()).containsExactly("app", "other");

    Files.writeString(file, "scrape_configs:\n  - job_name: app\n    scrape_intervall: 1s\n");
    assertThat(server.reload()).contains("prometheus.yml:3:5").contains("scrape_intervall");
    assertThat(server.scrapes().activeTargets().keySet()).containsExactly("app", "other");
  }

  @Test
  void theEmbeddedDefaultConfigScrapesTheServerItself() {
    InetSocketAddress listening = new InetSocketAddress("0.0.0.0", 9090);
    ConfigFile f = DefaultConfig.source(listening, ConfigFile.Defaults.PROMETHEUS).get();
    assertThat(f.scrapeConfigs()).hasSize(1);
    assertThat(f.scrapeConfigs().get(0).jobName()).isEqualTo("hearth");
    assertThat(f.scrapeConfigs().get(0).scrapeInterval()).hasSeconds(15);
    assertThat(DefaultConfig.yaml(listening)).contains("targets: ['127.0.0.1:9090']");
  }
}
