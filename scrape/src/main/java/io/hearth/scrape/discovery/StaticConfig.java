package io.hearth.scrape.discovery;

import java.util.List;

/** {@code static_configs}: target groups written into the config itself. */
public record StaticConfig(List<TargetGroup> groups) implements DiscoveryConfig {
  public StaticConfig {
    groups = List.copyOf(groups);
  }

  @Override
  public String key() {
    return "static_configs";
  }

  @Override
  public Discoverer newDiscoverer() {
    return new StaticDiscoverer(groups);
  }
}
