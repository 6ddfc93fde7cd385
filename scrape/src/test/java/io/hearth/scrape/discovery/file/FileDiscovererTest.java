package io.hearth.scrape.discovery.file;

import static io.hearth.scrape.discovery.file.TargetGroupDecoderTest.VALID_JSON;
import static io.hearth.scrape.discovery.file.TargetGroupDecoderTest.VALID_YAML;
import static io.hearth.scrape.discovery.file.TargetGroupDecoderTest.validGroups;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.scrape.discovery.TargetGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDiscovererTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** Long enough that only watches can explain a prompt update. */
  private static final Duration NO_REFRESH = Duration.ofHours(1);

  @TempDir Path dir;
  @TempDir Path scratch; // temp files for atomic writes live outside the watched directory

  private final Recorder recorder = new Recorder();
  private FileDiscoverer discoverer;

  @AfterEach
  void stop() {
    if (discoverer != null) {
      discoverer.close();
    }
  }

  @Test
  void readsJsonAndYamlFilesMatchedByGlobs() throws Exception {
    String json = write("valid.json", VALID_JSON);
    String yaml = write("valid.yml", VALID_YAML);
    write("ignored.txt", "not a target file");
    start(NO_REFRESH, dir + "/*.json", dir + "/*.yml");

    List<TargetGroup> want = new ArrayList<>(validGroups(json));
    want.addAll(validGroups(yaml));
    recorder.await(want);
  }

  @Test
  void aModifiedFileReportsOnlyTheGroupsThatChanged() throws Exception {
    String path = write("valid.yml", VALID_YAML);
    start(NO_REFRESH, dir + "/*.yml");
    recorder.await(validGroups(path));
    int reports = recorder.reportCount();

    write("valid.yml", VALID_YAML.replace("my.domain", "other.domain"));
    TargetGroup changed = new TargetGroup(path + ":1", List.of(Labels.of("__address__", "other.domain")),
        Labels.of("__meta_filepath", path));
    recorder.await(List.of(validGroups(path).get(0), changed));
    assertThat(recorder.reportsSince(reports)).allSatisfy(r -> assertThat(r).containsExactly(changed));
  }

  @Test
  void newFilesMatchingAGlobAreReadAndDeletedFilesReportTheirGroupsEmpty() throws Exception {
    start(NO_REFRESH, dir + "/*.json");
    String path = write("new.json", VALID_JSON);
    recorder.await(validGroups(path));

    Files.delete(Path.of(path));
    recorder.await(List.of(empty(path + ":0"), empty(path + ":1")));
  }

  @Test
  void aShorterFileReportsItsLostIndexesEmpty() throws Exception {
    String path = write("valid.json", VALID_JSON);
    start(NO_REFRESH, dir + "/*.json");
    recorder.await(validGroups(path));

    write("valid.json", "[{\"targets\": [\"localhost:9090\", \"example.org:443\"], \"labels\": {\"foo\": \"bar\"}}]");
    recorder.await(List.of(validGroups(path).get(0), empty(path + ":1")));
  }

  @Test
  void anInvalidFileKeepsItsLastGoodGroups() throws Exception {
    String path = write("valid.yml", VALID_YAML);
    start(NO_REFRESH, dir + "/*.yml");
    recorder.await(validGroups(path));
    int reports = recorder.reportCount();

    write("valid.yml", "]gibberish\n][");
    write("valid.yml", "- targets"); // a partial write, as upstream's test has it
    Files.writeString(Path.of(path), ": [\"localhost:9091\"]", java.nio.file.StandardOpenOption.APPEND);

    recorder.await(List.of(
        new TargetGroup(path + ":0", List.of(Labels.of("__address__", "localhost:9091")), Labels.of("__meta_filepath", path)),
        empty(path + ":1")));
    // Nothing in between said the good groups had gone.
    for (List<TargetGroup> r : recorder.reportsSince(reports)) {
      assertThat(r).noneMatch(g -> g.source().equals(path + ":0") && g.targets().isEmpty());
    }
  }

  @Test
  void anInvalidFileAtStartReportsNothing() throws Exception {
    write("invalid.json", "[{\"targets\": [\"a:1\"]}, null]");
    String good = write("good.json", VALID_JSON);
    start(NO_REFRESH, dir + "/*.json");
    recorder.await(validGroups(good));
    assertThat(recorder.current()).doesNotContainKey(dir + "/invalid.json:0");
  }

  @Test
  void theRefreshIntervalFindsWhatNoWatchReported() throws Exception {
    // A glob in a directory name leaves nothing to watch (as upstream, which watches the literal
    // directory): only the refresh can see these files come, change and go.
    Path sub = Files.createDirectory(dir.resolve("sub"));
    start(Duration.ofMillis(200), dir + "/su?/*.json");
    Path file = sub.resolve("t.json");
    Files.writeString(file, VALID_JSON);
    recorder.await(validGroups(file.toString()));

    Files.delete(file);
    recorder.await(List.of(empty(file + ":0"), empty(file + ":1")));
  }

  @Test
  void closeStopsPromptlyAndNothingIsReportedAfterwards() throws Exception {
    String path = write("valid.json", VALID_JSON);
    start(Duration.ofMillis(50), dir + "/*.json");
    recorder.await(validGroups(path));

    long t0 = System.nanoTime();
    discoverer.close();
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    int reports = recorder.reportCount();
    Files.delete(Path.of(path));
    Thread.sleep(300); // six refresh intervals
    assertThat(recorder.reportCount()).isEqualTo(reports);
  }

  private void start(Duration refresh, String... patterns) {
    discoverer = new FileDiscoverer(new FileSdConfig(List.of(patterns), refresh));
    discoverer.start(recorder);
  }

  /** Writes a file in the watched directory atomically, as config management tools do. */
  private String write(String name, String content) throws Exception {
    Path tmp = Files.createTempFile(scratch, ".sd-test-", ".tmp");
    Files.writeString(tmp, content);
    Path dst = dir.resolve(name);
    Files.move(tmp, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return dst.toString();
  }

  private static TargetGroup empty(String source) {
    return new TargetGroup(source, List.of(), Labels.EMPTY);
  }

  /** Keeps every report and the latest group per source. */
  static final class Recorder implements Consumer<List<TargetGroup>> {
    private final List<List<TargetGroup>> reports = new ArrayList<>();
    private final Map<String, TargetGroup> latest = new TreeMap<>();

    @Override
    public synchronized void accept(List<TargetGroup> groups) {
      reports.add(groups);
      groups.forEach(g -> latest.put(g.source(), g));
      notifyAll();
    }

    synchronized int reportCount() {
      return reports.size();
    }

    synchronized List<List<TargetGroup>> reportsSince(int n) {
      return List.copyOf(reports.subList(n, reports.size()));
    }

    synchronized Map<String, TargetGroup> current() {
      return new TreeMap<>(latest);
    }

    /** Waits until the latest groups by source are exactly {@code want}. */
    synchronized void await(List<TargetGroup> want) throws InterruptedException {
      Map<String, TargetGroup> wanted = new TreeMap<>();
      want.forEach(g -> wanted.put(g.source(), g));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!latest.equals(wanted)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      assertThat(latest).isEqualTo(wanted);
    }
  }
}
