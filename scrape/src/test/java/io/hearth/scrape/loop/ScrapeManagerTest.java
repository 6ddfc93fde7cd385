package io.hearth.scrape.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.loop.Stored.Sample;
import io.hearth.scrape.relabel.Action;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.RelabelRegex;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jobs, targets and their loops against real HTTP targets on loopback. */
class ScrapeManagerTest {
  private final Head head = new Head(HeadOptions.defaults(), new SymbolTable());
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private HttpServer server;
  private String address;
  private ScrapeManager manager;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = bodies.get(ex.getRequestURI().getPath());
          byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
          ex.sendResponseHeaders(body == null ? 404 : 200, b.length == 0 ? -1 : b.length);
          ex.getResponseBody().write(b);
          ex.close();
        });
    server.start();
    address = "127.0.0.1:" + server.getAddress().getPort();
    manager = new ScrapeManager(head, head.symbols(), 0);
  }

  @AfterEach
  void stop() {
    manager.close();
    server.stop(0);
    head.close();
  }

  private static TestConfig fast(String job) {
    TestConfig c = new TestConfig();
    c.job = job;
    c.interval = Duration.ofMillis(100);
    c.timeout = Duration.ofMillis(100);
    return c;
  }

  private TargetGroup group(String path, String... more) {
    Labels target = Labels.of("__address__", address, "__metrics_path__", path);
    return new TargetGroup("static/0", List.of(target), Labels.of(more));
  }

  private static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  private List<Sample> stored(String name, String instance) {
    for (var e : Stored.all(head).entrySet()) {
      if (e.getKey().metricName().equals(name) && e.getKey().get("instance").equals(instance)) {
        return e.getValue();
      }
    }
    return List.of();
  }

  @Test
  void scrapesEachDiscoveredTargetWithItsJobAndInstanceLabels() throws Exception {
    bodies.put("/a", "m 1\n");
    bodies.put("/b", "m 2\n");
    manager.applyConfig(List.of(fast("job1").build()));
    manager.updateTargets(
        Map.of(
            "job1",
            List.of(
                new TargetGroup(
                    "g",
                    List.of(
                        Labels.of("__address__", address, "__metrics_path__", "/a", "instance", "a"),
                        Labels.of("__address__", address, "__metrics_path__", "/b", "instance", "b"),
                        // The same target twice is scraped once.
                        Labels.of("__address__", address, "__metrics_path__", "/b", "instance", "b")),
                    Labels.of("env", "test")))));

    await("both targets are up", () -> manager.allActiveTargets().stream()
        .allMatch(t -> t.health() == Target.Health.UP));
    List<Target> active = manager.activeTargets().get("job1");
    assertThat(active).hasSize(2);
    assertThat(active.get(0).labels())
        .isEqualTo(Labels.of("env", "test", "instance", "a", "job", "job1"));
    assertThat(active.get(0).url().toString()).isEqualTo("http://" + address + "/a");
    assertThat(active.get(0).discoveredLabels().get("__metrics_path__")).isEqualTo("/a");
    await("samples of both", () -> !stored("m", "a").isEmpty() && !stored("m", "b").isEmpty());
    assertThat(stored("m", "a").get(0).v()).isEqualTo(1);
    assertThat(stored("m", "b").get(0).v()).isEqualTo(2);
  }

  @Test
  void aTargetThatGoesAwayIsMarkedStale() throws Exception {
    bodies.put("/a", "m 1\n");
    manager.applyConfig(List.of(fast("job1").build()));
    manager.updateTargets(Map.of("job1", List.of(group("/a", "instance", "a"))));
    await("a scraped", () -> stored("m", "a").size() >= 2);
    manager.updateTargets(Map.of("job1", List.of()));
    await("a stale", () -> {
      List<Sample> s = stored("m", "a");
      return s.get(s.size() - 1).stale();
    });
    List<Sample> up = stored("up", "a");
    assertThat(up.get(up.size() - 1).stale()).isTrue();
  }

  @Test
  void relabelingDropsTargetsAndTheyAreListedAsDropped() throws Exception {
    TestConfig c = fast("job1");
    c.relabel =
        List.of(
            new RelabelConfig(
                List.of("__metrics_path__"), ";", RelabelRegex.compile("/skip"), 0, "", "$1", Action.DROP));
    bodies.put("/a", "m 1\n");
    manager.applyConfig(List.of(c.build()));
    manager.updateTargets(Map.of("job1", List.of(group("/a"), group("/skip"))));
    assertThat(manager.activeTargets().get("job1")).hasSize(1);
    assertThat(manager.droppedTargets().get("job1")).hasSize(1);
    assertThat(manager.droppedTargets().get("job1").get(0).discoveredLabels().get("__metrics_path__"))
        .isEqualTo("/skip");
    assertThat(manager.droppedTargetCounts().get("job1")).isEqualTo(1);
  }

  @Test
  void keepDroppedTargetsBoundsTheListButNotTheCount() {
    TestConfig c = fast("job1");
    c.keepDroppedTargets = 1;
    c.relabel =
        List.of(
            new RelabelConfig(
                List.of("__metrics_path__"), ";", RelabelRegex.compile("/skip.*"), 0, "", "$1", Action.DROP));
    manager.applyConfig(List.of(c.build()));
    manager.updateTargets(Map.of("job1", List.of(group("/skip1"), group("/skip2"), group("/skip3"))));
    assertThat(manager.droppedTargets().get("job1")).hasSize(1);
    assertThat(manager.droppedTargetCounts().get("job1")).isEqualTo(3);
  }

  @Test
  void moreTargetsThanTheTargetLimitFailEveryScrapeOfTheJob() throws Exception {
    TestConfig c = fast("job1");
    c.targetLimit = 1;
    bodies.put("/a", "m 1\n");
    bodies.put("/b", "m 1\n");
    manager.applyConfig(List.of(c.build()));
    manager.updateTargets(Map.of("job1", List.of(group("/a", "instance", "a"), group("/b", "instance", "b"))));
    await("both down", () -> manager.allActiveTargets().stream()
        .allMatch(t -> t.health() == Target.Health.DOWN));
    assertThat(manager.allActiveTargets().get(0).lastError())
        .isEqualTo("target_limit exceeded (number of targets: 2, limit: 1)");
    assertThat(stored("m", "a")).isEmpty();
  }

  @Test
  void aReloadWithAnUnchangedJobKeepsItsLoopsAndAChangedJobRestartsThem() throws Exception {
    bodies.put("/a", "m 1\n");
    manager.applyConfig(List.of(fast("job1").build(), fast("job2").build()));
    manager.updateTargets(
        Map.of("job1", List.of(group("/a", "instance", "a")), "job2", List.of(group("/a", "instance", "a2"))));
    Target before1 = manager.activeTargets().get("job1").get(0);
    Target before2 = manager.activeTargets().get("job2").get(0);

    TestConfig changed = fast("job2");
    changed.honorLabels = true;
    manager.applyConfig(List.of(fast("job1").build(), changed.build()));

    assertThat(manager.activeTargets().get("job1").get(0)).isSameAs(before1);
    Target after2 = manager.activeTargets().get("job2").get(0);
    assertThat(after2).isNotSameAs(before2);
    assertThat(after2.labels()).isEqualTo(before2.labels());
  }

  @Test
  void aRemovedJobStopsAndItsSeriesGoStale() throws Exception {
    bodies.put("/a", "m 1\n");
    manager.applyConfig(List.of(fast("job1").build()));
    manager.updateTargets(Map.of("job1", List.of(group("/a", "instance", "a"))));
    await("a scraped", () -> stored("m", "a").size() >= 2);
    manager.applyConfig(List.of());
    assertThat(manager.activeTargets()).isEmpty();
    await("a stale", () -> {
      List<Sample> s = stored("m", "a");
      return s.get(s.size() - 1).stale();
    });
  }

  @Test
  void groupsThatArriveBeforeTheirJobAreKeptUntilItIsConfigured() throws Exception {
    bodies.put("/a", "m 1\n");
    manager.updateTargets(Map.of("job1", List.of(group("/a", "instance", "a"))));
    manager.applyConfig(List.of(fast("job1").build()));
    assertThat(manager.activeTargets().get("job1")).hasSize(1);
  }

  @Test
  void aTargetThatAnswers404IsDownWithPrometheussMessage() throws Exception {
    manager.applyConfig(List.of(fast("job1").build()));
    manager.updateTargets(Map.of("job1", List.of(group("/missing", "instance", "x"))));
    await("x down", () -> manager.allActiveTargets().get(0).health() == Target.Health.DOWN);
    assertThat(manager.allActiveTargets().get(0).lastError())
        .isEqualTo("server returned HTTP status 404 Not Found");
    assertThat(stored("up", "x").get(0).v()).isZero();
  }
}
