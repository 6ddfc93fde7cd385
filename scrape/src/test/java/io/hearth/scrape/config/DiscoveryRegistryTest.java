package io.hearth.scrape.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.scrape.discovery.DiscoveryConfig;
import io.hearth.scrape.discovery.Discoverer;
import io.hearth.scrape.discovery.StaticConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoveryRegistryTest {
  /** A stand-in mechanism, as Kubernetes discovery will register itself. */
  record PodSdConfig(String role, String namespace) implements DiscoveryConfig {
    @Override
    public String key() {
      return "kubernetes_sd_configs";
    }

    @Override
    public Discoverer newDiscoverer() {
      throw new UnsupportedOperationException();
    }
  }

  private static PodSdConfig pods(ConfigNode entry) {
    ConfigMapping m = entry.asMapping("kubernetes.SDConfig");
    PodSdConfig c = new PodSdConfig(m.string("role", ""), m.string("namespace", "default"));
    m.finish();
    if (c.role().isEmpty()) {
      throw m.error("role", "role missing (one of: pod, service, endpoints); got \"\"");
    }
    return c;
  }

  private static final DiscoveryRegistry REGISTRY =
      DiscoveryRegistry.defaults().with("kubernetes_sd_configs", DiscoveryRegistryTest::pods);

  private static ConfigFile parse(String yaml) {
    return ConfigFile.parse(yaml, Path.of("/"), "p.yml", REGISTRY, name -> null);
  }

  @Test
  void aRegisteredMechanismIsParsedInKeyOrderBeforeStaticGroups() {
    ScrapeConfig c = parse("""
        scrape_configs:
          - job_name: k
            static_configs: [{targets: [a:1]}]
            kubernetes_sd_configs:
              - role: pod
              - {role: node, namespace: kube-system}
        """).scrapeConfigs().get(0);
    assertThat(c.discoveryConfigs()).hasSize(3);
    assertThat(c.discoveryConfigs().subList(0, 2)).containsExactly(
        new PodSdConfig("pod", "default"), new PodSdConfig("node", "kube-system"));
    assertThat(c.discoveryConfigs().get(2)).isInstanceOf(StaticConfig.class);
  }

  @Test
  void parserErrorsCarryThePosition() {
    assertThatThrownBy(() -> parse("""
        scrape_configs:
          - job_name: k
            kubernetes_sd_configs:
              - namespace: x
                rol: pod
        """)).hasMessage("p.yml:5:9: scrape_configs[0].kubernetes_sd_configs[0].rol: field rol not"
            + " found in type kubernetes.SDConfig");
    assertThatThrownBy(() -> parse("""
        scrape_configs:
          - job_name: k
            kubernetes_sd_configs:
              - namespace: x
        """)).hasMessage("p.yml:4:9: scrape_configs[0].kubernetes_sd_configs[0]: role missing"
            + " (one of: pod, service, endpoints); got \"\"");
  }

  @Test
  void keysAreListed() {
    assertThat(DiscoveryRegistry.defaults().keys())
        .containsExactly("file_sd_configs", "static_configs");
    assertThat(REGISTRY.keys()).contains("kubernetes_sd_configs");
  }

  @Test
  void knownMechanismsHearthLacksAreNamedButEmptyOnesPass() {
    for (String key : List.of("consul_sd_configs", "dns_sd_configs", "ec2_sd_configs",
        "http_sd_configs", "dockerswarm_sd_configs")) {
      assertThatThrownBy(() -> parse("scrape_configs:\n  - job_name: a\n    " + key + ": [{}]\n"))
          .hasMessageEndingWith(key + " is not supported by Hearth");
      assertThat(parse("scrape_configs:\n  - job_name: a\n    " + key + ": []\n").scrapeConfigs())
          .hasSize(1);
    }
  }
}
