package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Thousands of targets run on virtual threads: the process does not grow a thread per target. */
class ManyTargetsTest {
  private static final int TARGETS = 2_000;

  @Test
  void twoThousandTargetsAreScrapedWithoutAThreadEach() throws Exception {
    byte[] body = "# TYPE m gauge\nm{a=\"1\"} 1\nm{a=\"2\"} 2\n".getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    String address = "127.0.0.1:" + server.getAddress().getPort();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    try (Head head = new Head(HeadOptions.defaults(), new SymbolTable());
        ScrapeManager manager = new ScrapeManager(head, head.symbols(), 0)) {
      TestConfig cfg = new TestConfig();
      cfg.job = "many";
      cfg.interval = Duration.ofSeconds(2);
      cfg.timeout = Duration.ofSeconds(2);
      manager.applyConfig(List.of(cfg.build()));
      List<Labels> targets = new ArrayList<>(TARGETS);
      for (int i = 0; i < TARGETS; i++) {
        targets.add(
            Labels.of("__address__", address, "__metrics_path__", "/t/" + i, "instance", "t" + i));
      }
      manager.updateTargets(Map.of("many", List.of(new TargetGroup("0", targets, Labels.EMPTY))));

      long deadline = System.nanoTime() + 30_000_000_000L;
      long up = 0;
      while (System.nanoTime() < deadline) {
        up = manager.allActiveTargets().stream().filter(t -> t.health() == Target.Health.UP).count();
        if (up == TARGETS) {
          break;
        }
        Thread.sleep(100);
      }
      assertThat(up).isEqualTo(TARGETS);
      // Two series and five report series per target.
      assertThat(head.numSeries()).isEqualTo(TARGETS * 7L);
      int threadsDuring = ManagementFactory.getThreadMXBean().getThreadCount();
      assertThat(threadsDuring - threadsBefore).as("platform threads added").isLessThan(100);
    } finally {
      server.stop(0);
    }
  }
}
