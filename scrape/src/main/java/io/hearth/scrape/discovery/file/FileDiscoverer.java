package io.hearth.scrape.discovery.file;

import io.hearth.labels.Labels;
import io.hearth.scrape.discovery.Discoverer;
import io.hearth.scrape.discovery.TargetGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Prometheus's file_sd: reads every file the patterns match and reports its groups, sources
 * {@code <path>:<index>}, each with {@code __meta_filepath}. It re-reads everything when anything
 * changes in a watched directory (the directory of each pattern) and every refresh interval, in
 * case a watch missed something. A file that goes away has its groups reported empty; a file
 * that cannot be read or decoded keeps its last good groups, and the error is logged. Only groups
 * that differ from the last report are reported.
 *
 * <p>One virtual thread does all reading and reporting, so reports never overlap. {@link #close}
 * stops it promptly and waits for it (unless called from a report).
 */
public final class FileDiscoverer implements Discoverer {
  private static final Logger LOG = Logger.getLogger(FileDiscoverer.class.getName());

  private final List<String> patterns;
  private final long intervalNanos;

  // Touched only by the discovery thread.
  private Map<String, List<TargetGroup>> lastRefresh = Map.of();
  private final Set<Path> watchedDirs = new HashSet<>();

  private volatile boolean closed;
  private volatile Thread thread;
  private volatile WatchService watcher;

  public FileDiscoverer(FileSdConfig config) {
    this.patterns = config.files();
    this.intervalNanos = config.refreshInterval().toNanos();
  }

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    if (thread != null) {
      throw new IllegalStateException("file discovery started twice");
    }
    try {
      watcher = FileSystems.getDefault().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      // Refreshes still pick changes up, only later.
      LOG.log(Level.SEVERE, "Error adding file watcher: " + e);
    }
    thread = Thread.ofVirtual().name("file-sd " + patterns).start(() -> run(updates));
  }

  @Override
  public void close() {
    closed = true;
    WatchService w = watcher;
    if (w != null) {
      try {
        w.close(); // wakes a poll at once
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Error closing file watcher for " + patterns + ": " + e);
      }
    }
    Thread t = thread;
    if (t != null && t != Thread.currentThread()) {
      t.interrupt();
      try {
        if (!t.join(Duration.ofSeconds(10))) {
          LOG.log(Level.WARNING, "file discovery for " + patterns + " did not stop within 10s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run(Consumer<List<TargetGroup>> updates) {
    try {
      safeRefresh(updates);
      long nextTick = System.nanoTime() + intervalNanos;
      while (!closed) {
        long wait = nextTick - System.nanoTime();
        boolean changed = false;
        if (wait > 0) {
          changed = awaitChange(wait);
        }
        if (closed) {
          return;
        }
        long now = System.nanoTime();
        if (now - nextTick >= 0) {
          // A ticker, as upstream's: a watch that could not be set must not lose a file for good.
          nextTick = now + intervalNanos;
          changed = true;
        }
        if (changed) {
          safeRefresh(updates);
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // close() ends the thread this way.
    }
  }

  /** One failed refresh (say, a consumer that threw) must not end discovery for good. */
  private void safeRefresh(Consumer<List<TargetGroup>> updates) {
    try {
      refresh(updates);
    } catch (ClosedWatchServiceException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.log(Level.SEVERE, "file discovery refresh for " + patterns + " failed", e);
      }
    }
  }

  /** Waits up to {@code nanos} for a watch event; true if any directory saw a change. */
  private boolean awaitChange(long nanos) throws InterruptedException {
    WatchService w = watcher;
    if (w == null) {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return false;
    }
    WatchKey key = w.poll(nanos, TimeUnit.NANOSECONDS);
    if (key == null) {
      return false;
    }
    // Editors and atomic renames come as bursts; one refresh reads the outcome of all of them.
    for (; key != null; key = w.poll()) {
      key.pollEvents();
      if (!key.reset()) {
        watchedDirs.remove((Path) key.watchable()); // gone; watched again once it is back
      }
    }
    return true;
  }

  /** Reads every matching file and reports the groups that changed since the last refresh. */
  void refresh(Consumer<List<TargetGroup>> updates) {
    // Watch before listing, so a file created in between still causes a refresh.
    watchDirectories();
    Map<String, List<TargetGroup>> current = new LinkedHashMap<>();
    for (String path : listFiles()) {
      if (current.containsKey(path)) {
        continue; // matched by two patterns
      }
      try {
        String content = new String(Files.readAllBytes(Path.of(path)), StandardCharsets.UTF_8);
        current.put(path, TargetGroupDecoder.decode(path, content));
      } catch (IOException | TargetGroupDecoder.InvalidFileException | RuntimeException e) {
        LOG.log(Level.SEVERE, "Error reading file path=" + path + " err=" + message(e));
        List<TargetGroup> last = lastRefresh.get(path);
        if (last != null) {
          current.put(path, last); // keeps them, and keeps them from being reported gone below
        }
      }
    }
    List<TargetGroup> changed = new ArrayList<>();
    current.forEach((path, groups) -> diff(lastRefresh.getOrDefault(path, List.of()), groups, changed));
    lastRefresh.forEach((path, groups) -> {
      if (!current.containsKey(path)) {
        diff(groups, List.of(), changed);
      }
    });
    lastRefresh = current;
    if (!changed.isEmpty() && !closed) {
      updates.accept(List.copyOf(changed));
    }
  }

  /** Adds to {@code out} the groups of {@code now} that differ, and empty groups for lost indexes. */
  private static void diff(List<TargetGroup> before, List<TargetGroup> now, List<TargetGroup> out) {
    for (int i = 0; i < now.size(); i++) {
      if (i >= before.size() || !before.get(i).equals(now.get(i))) {
        out.add(now.get(i));
      }
    }
    for (int i = now.size(); i < before.size(); i++) {
      out.add(new TargetGroup(before.get(i).source(), List.of(), Labels.EMPTY));
    }
  }

  private List<String> listFiles() {
    List<String> files = new ArrayList<>();
    for (String p : patterns) {
      try {
        files.addAll(Glob.expand(p));
      } catch (Glob.BadPatternException e) {
        LOG.log(Level.SEVERE, "Error expanding glob glob=" + p + " err=" + e.getMessage());
      }
    }
    return files;
  }

  private void watchDirectories() {
    WatchService w = watcher;
    if (w == null) {
      return;
    }
    for (String p : patterns) {
      int slash = p.lastIndexOf('/');
      Path dir = Path.of(slash < 0 ? "." : slash == 0 ? "/" : p.substring(0, slash));
      if (watchedDirs.contains(dir)) {
        continue;
      }
      try {
        dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
            StandardWatchEventKinds.ENTRY_MODIFY);
        watchedDirs.add(dir);
      } catch (IOException | RuntimeException e) {
        if (e instanceof ClosedWatchServiceException c) {
          throw c;
        }
        LOG.log(Level.SEVERE, "Error adding file watch path=" + dir + " err=" + message(e));
      }
    }
  }

  private static String message(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.toString();
  }
}
