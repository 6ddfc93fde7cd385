package io.hearth.scrape.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * One running discovery mechanism. {@link #start} returns at once; the discoverer then reports on
 * its own (virtual) threads until {@link #close()}. Each report carries only the groups that
 * changed, each in full; a group whose target list is empty has gone away. A discoverer that
 * fails keeps its last good groups and logs why, rather than reporting them gone.
 */
public interface Discoverer extends AutoCloseable {
  void start(Consumer<List<TargetGroup>> updates);

  /** Stops reporting; never throws. */
  @Override
  void close();
}
