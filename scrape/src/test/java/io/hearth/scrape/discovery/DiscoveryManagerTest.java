package io.hearth.scrape.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiscoveryManagerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Fakes fakes = new Fakes();
  private final Pushes pushes = new Pushes();
  private DiscoveryManager manager;

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
  }

  @Test
  void mergesTheGroupsOfAJobsProvidersKeyedByProviderAndSource() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(50));
    manager.apply(Map.of("node", List.of(fake("a"), fake("b"), new StaticConfig(List.of(group("0", "s:1"))))));
    // Both fakes use source "0"; they are different providers, so neither hides the other.
    fakes.only("a").send(group("0", "a:1"));
    fakes.only("b").send(group("0", "b:1"), group("1", "b:2"));

    pushes.await("node", List.of(group("0", "a:1"), group("0", "b:1"), group("1", "b:2"), group("0", "s:1")));

    fakes.only("b").send(group("0", "b:9"), new TargetGroup("1", List.of(), Labels.EMPTY));
    pushes.await("node", List.of(group("0", "a:1"), group("0", "b:9"), group("0", "s:1")));
  }

  @Test
  void aJobWithoutDiscoverersIsPushedWithNoGroups() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(50));
    manager.apply(Map.of("empty", List.of()));
    pushes.await("empty", List.of());
  }

  @Test
  void theFirstChangeGoesOutAtOnceAndABurstIsCoalesced() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofSeconds(30));
    manager.apply(Map.of("job", List.of(fake("a"))));
    pushes.await("job", List.of()); // immediate despite the 30 s delay
    int before = pushes.count();

    Fake a = fakes.only("a");
    for (int i = 0; i < 50; i++) {
      a.send(group("0", "h:" + i));
    }
    pushes.await("job", List.of(group("0", "h:49")));
    Thread.sleep(300); // the backoff is 100 ms after one push and 150 ms after two
    assertThat(pushes.count() - before).isEqualTo(1);
  }

  @Test
  void pushesNoFasterThanTheBackoffAllows() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(200));
    manager.apply(Map.of("job", List.of(fake("a"))));
    Fake a = fakes.only("a");
    long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
    for (int i = 0; System.nanoTime() < end; i++) {
      a.send(group("0", "h:" + i));
      Thread.sleep(2);
    }
    a.send(group("0", "last"));
    pushes.await("job", List.of(group("0", "last")));
    // Gaps of 0.1, 0.15, 0.2, 0.2 … s over 1.2 s allow about eight pushes; unthrottled there would be hundreds.
    assertThat(pushes.count()).isBetween(3, 12);
  }

  @Test
  void reloadKeepsProvidersWhoseConfigIsUnchanged() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(20));
    manager.apply(Map.of("a", List.of(fake("x")), "b", List.of(fake("y"))));
    Fake x = fakes.only("x");
    Fake y = fakes.only("y");
    x.send(group("0", "x:1"));
    y.send(group("0", "y:1"));
    pushes.await("a", List.of(group("0", "x:1")));
    pushes.await("b", List.of(group("0", "y:1")));
    int before = pushes.count();

    manager.apply(Map.of("a", List.of(fake("x")), "c", List.of(fake("y"), fake("z"))));

    // x keeps running and keeps its groups; y moves to job c with its groups; b is dropped.
    assertThat(fakes.made("x")).containsExactly(x);
    assertThat(fakes.made("y")).containsExactly(y);
    assertThat(x.closed).isFalse();
    assertThat(y.closed).isFalse();
    pushes.await("c", List.of(group("0", "y:1")));
    pushes.await("b", List.of());
    assertThat(pushes.since(before)).allSatisfy(p -> assertThat(p).doesNotContainKey("a"));
    assertThat(manager.current()).containsEntry("a", List.of(group("0", "x:1")));

    manager.apply(Map.of("a", List.of(fake("x"))));
    assertThat(y.closed).isTrue();
    assertThat(fakes.only("z").closed).isTrue();
    assertThat(x.closed).isFalse();
  }

  @Test
  void jobsWithEqualConfigsShareOneDiscoverer() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(20));
    manager.apply(Map.of("a", List.of(fake("x")), "b", List.of(fake("x"))));
    fakes.only("x").send(group("0", "x:1"));
    pushes.await("a", List.of(group("0", "x:1")));
    pushes.await("b", List.of(group("0", "x:1")));
  }

  @Test
  void aDiscovererThatFailsToStartHasNoGroupsAndIsRetriedOnReload() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(20));
    fakes.failNextStart = true;
    manager.apply(Map.of("job", List.of(fake("bad"), fake("good"))));
    fakes.only("good").send(group("0", "g:1"));
    pushes.await("job", List.of(group("0", "g:1")));

    manager.apply(Map.of("job", List.of(fake("bad"), fake("good"))));
    assertThat(fakes.made("bad")).hasSize(2);
    fakes.made("bad").get(1).send(group("0", "b:1"));
    pushes.await("job", List.of(group("0", "b:1"), group("0", "g:1")));
  }

  @Test
  void closeStopsEveryDiscovererAndIgnoresLateReports() throws Exception {
    manager = new DiscoveryManager(pushes, Duration.ofMillis(20));
    manager.apply(Map.of("job", List.of(fake("x"))));
    pushes.await("job", List.of());
    manager.close();
    Fake x = fakes.only("x");
    assertThat(x.closed).isTrue();
    int before = pushes.count();
    x.send(group("0", "late:1"));
    Thread.sleep(100);
    assertThat(pushes.count()).isEqualTo(before);
  }

  private FakeConfig fake(String name) {
    return new FakeConfig(name, fakes);
  }

  private static TargetGroup group(String source, String address) {
    return new TargetGroup(source, List.of(Labels.of("__address__", address)), Labels.EMPTY);
  }

  /** Equal when the names are: the registry is shared by every config of a test. */
  record FakeConfig(String name, Fakes fakes) implements DiscoveryConfig {
    @Override
    public String key() {
      return "fake_configs";
    }

    @Override
    public Discoverer newDiscoverer() {
      return fakes.make(name);
    }
  }

  /** A discoverer the test drives: {@link #send} reports as a discoverer's own thread would. */
  static final class Fake implements Discoverer {
    private final boolean failStart;
    volatile Consumer<List<TargetGroup>> updates;
    volatile boolean closed;

    Fake(boolean failStart) {
      this.failStart = failStart;
    }

    @Override
    public void start(Consumer<List<TargetGroup>> updates) {
      if (failStart) {
        throw new IllegalStateException("cannot reach the API server");
      }
      this.updates = updates;
    }

    void send(TargetGroup... groups) throws InterruptedException {
      Thread t = Thread.ofVirtual().start(() -> updates.accept(List.of(groups)));
      t.join(WAIT);
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static final class Fakes {
    private final Map<String, List<Fake>> made = new LinkedHashMap<>();
    volatile boolean failNextStart;

    synchronized Fake make(String name) {
      Fake f = new Fake(failNextStart);
      failNextStart = false;
      made.computeIfAbsent(name, k -> new ArrayList<>()).add(f);
      return f;
    }

    synchronized List<Fake> made(String name) {
      return List.copyOf(made.getOrDefault(name, List.of()));
    }

    Fake only(String name) {
      List<Fake> list = made(name);
      assertThat(list).hasSize(1);
      return list.getFirst();
    }
  }

  /** Records every push; waits for a job's latest pushed groups. */
  static final class Pushes implements Consumer<Map<String, List<TargetGroup>>> {
    private final List<Map<String, List<TargetGroup>>> all = new CopyOnWriteArrayList<>();
    private final Map<String, List<TargetGroup>> latest = new LinkedHashMap<>();

    @Override
    public synchronized void accept(Map<String, List<TargetGroup>> push) {
      all.add(push);
      latest.putAll(push);
      notifyAll();
    }

    int count() {
      return all.size();
    }

    List<Map<String, List<TargetGroup>>> since(int n) {
      return List.copyOf(all.subList(n, all.size()));
    }

    synchronized void await(String job, List<TargetGroup> want) throws InterruptedException {
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!want.equals(latest.get(job))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      assertThat(latest.get(job)).as(job).isEqualTo(want);
    }
  }
}
