package io.hearth.scrape.discovery;

import java.util.List;
import java.util.function.Consumer;

/** Reports its fixed groups once; nothing changes until a reload replaces the config. */
final class StaticDiscoverer implements Discoverer {
  private final List<TargetGroup> groups;

  StaticDiscoverer(List<TargetGroup> groups) {
    this.groups = groups;
  }

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    updates.accept(groups);
  }

  @Override
  public void close() {}
}
