package io.hearth.scrape.config;

import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.StaticConfig;
import io.hearth.scrape.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The service-discovery sections a config may hold, each a YAML key ({@code static_configs},
 * {@code file_sd_configs}, …) with a parser for one list entry. A mechanism plugs in with {@link
 * #with}; keys Prometheus knows but Hearth lacks are rejected by name rather than as unknown
 * fields. Immutable and thread-safe.
 */
public final class DiscoveryRegistry {
  /** Builds one entry of a {@code *_sd_configs} list; the entry is never null. */
  @FunctionalInterface
  public interface Parser {
    DiscoveryConfig parse(ConfigNode entry);
  }

  private static final String STATIC = "static_configs";

  /** Every {@code <name>_sd_configs} of Prometheus 3.x, so a missing one fails by name. */
  private static final Set<String> PROMETHEUS_MECHANISMS =
      Set.of(
          "aws", "azure", "consul", "digitalocean", "dns", "docker", "dockerswarm", "ec2", "ecs",
          "elasticache", "eureka", "file", "gce", "hetzner", "http", "ionos", "kubernetes", "kuma",
          "lightsail", "linode", "marathon", "msk", "nerve", "nomad", "oci", "openstack",
          "outscale", "ovhcloud", "puppetdb", "rds", "scaleway", "serverset", "stackit", "triton",
          "uyuni", "vultr");

  private static final DiscoveryRegistry DEFAULTS =
      new DiscoveryRegistry(new TreeMap<>())
          .with(STATIC, DiscoveryBindings::staticConfig)
          .with("file_sd_configs", DiscoveryBindings::fileSdConfig);

  private final TreeMap<String, Parser> parsers;

  private DiscoveryRegistry(TreeMap<String, Parser> parsers) {
    this.parsers = parsers;
  }

  /** Static and file discovery. */
  public static DiscoveryRegistry defaults() {
    return DEFAULTS;
  }

  /** A registry that also (or instead) parses {@code key} with {@code parser}. */
  public DiscoveryRegistry with(String key, Parser parser) {
    TreeMap<String, Parser> copy = new TreeMap<>(parsers);
    copy.put(key, parser);
    return new DiscoveryRegistry(copy);
  }

  public Set<String> keys() {
    return parsers.keySet();
  }

  /**
   * Reads every registered discovery key of {@code m}: mechanisms in key order, then all static
   * groups coalesced into one {@link StaticConfig} whose group sources are "0", "1", … as
   * Prometheus numbers them. A non-empty section of a mechanism Hearth lacks fails.
   */
  public List<DiscoveryConfig> parseAll(ConfigMapping m) {
    for (String key : m.keys()) {
      if (!parsers.containsKey(key)
          && key.endsWith("_sd_configs")
          && PROMETHEUS_MECHANISMS.contains(key.substring(0, key.length() - "_sd_configs".length()))) {
        ConfigNode v = m.get(key);
        if (!v.isEmpty()) {
          throw m.keyNode(key).error(key + " is not supported by Hearth");
        }
      }
    }
    List<DiscoveryConfig> out = new ArrayList<>();
    List<TargetGroup> staticGroups = new ArrayList<>();
    for (Map.Entry<String, Parser> e : parsers.entrySet()) {
      for (ConfigNode entry : m.list(e.getKey())) {
        if (entry.isNull()) {
          throw entry.error("empty or null section in " + e.getKey());
        }
        DiscoveryConfig c = e.getValue().parse(entry);
        if (e.getKey().equals(STATIC) && c instanceof StaticConfig sc) {
          for (TargetGroup g : sc.groups()) {
            staticGroups.add(
                new TargetGroup(Integer.toString(staticGroups.size()), g.targets(), g.labels()));
          }
        } else {
          out.add(c);
        }
      }
    }
    if (!staticGroups.isEmpty()) {
      out.add(new StaticConfig(staticGroups));
    }
    return out;
  }
}
