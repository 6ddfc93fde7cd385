package io.hearth.scrape.config;

import io.hearth.scrape.parse.GoQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A {@code prometheus.yml} as far as Hearth reads it: the globals, {@code alerting}, {@code
 * rule_files} and every scrape config (including those of {@code scrape_config_files}), with
 * Prometheus's defaults applied and its checks passed. What asks for a feature Hearth does not
 * have yet fails with a message naming the field (see {@code docs/prometheus-differences.md}).
 *
 * @param scrapeConfigs the main file's jobs, then each included file's, job names unique
 * @param alerting the alerting section (only the empty skeleton loads until rules exist)
 * @param ruleFiles the rule file patterns, joined onto the config's directory (empty until rules exist)
 */
public record ConfigFile(GlobalConfig global, List<ScrapeConfig> scrapeConfigs, AlertingConfig alerting,
    List<String> ruleFiles) {
  public ConfigFile {
    scrapeConfigs = List.copyOf(scrapeConfigs);
    ruleFiles = List.copyOf(ruleFiles);
  }

  public ConfigFile(GlobalConfig global, List<ScrapeConfig> scrapeConfigs) {
    this(global, scrapeConfigs, AlertingConfig.EMPTY, List.of());
  }

  /** Top-level sections Prometheus has whose features Hearth lacks: any content in them is refused by name. */
  private static final List<String> LATER_SECTIONS = List.of("runtime", "storage", "tracing", "otlp");
  /** A glob only in the last path element. */
  private static final Pattern SCRAPE_CONFIG_FILE = Pattern.compile("[^*]*(\\*[^/]*)?");

  /** @throws ConfigException naming the file, line and field of the first problem */
  public static ConfigFile load(Path file) {
    return load(file, DiscoveryRegistry.defaults(), System::getenv);
  }

  public static ConfigFile load(
      Path file, DiscoveryRegistry registry, Function<String, String> env) {
    return load(file, registry, env, Defaults.PROMETHEUS);
  }

  /** @param defaults what command-line feature flags changed about Prometheus's defaults */
  public static ConfigFile load(
      Path file, DiscoveryRegistry registry, Function<String, String> env, Defaults defaults) {
    Path abs = file.toAbsolutePath();
    return parse(
        read(file, file.toString()), abs.getParent(), file.toString(), registry, env, defaults);
  }

  /**
   * Config defaults that Prometheus lets command-line flags change.
   *
   * @param extraScrapeMetrics the default of {@code global.extra_scrape_metrics}, true under
   *     {@code --enable-feature=extra-scrape-metrics}
   */
  public record Defaults(boolean extraScrapeMetrics) {
    public static final Defaults PROMETHEUS = new Defaults(false);
  }

  /**
   * @param baseDirForRelativePaths what relative file names in the config are joined onto
   * @param fileNameForErrors how errors name the document, e.g. "prometheus.yml"
   */
  public static ConfigFile parse(String yaml, Path baseDirForRelativePaths, String fileNameForErrors) {
    return parse(yaml, baseDirForRelativePaths, fileNameForErrors, DiscoveryRegistry.defaults(),
        System::getenv);
  }

  public static ConfigFile parse(String yaml, Path baseDirForRelativePaths,
      String fileNameForErrors, DiscoveryRegistry registry, Function<String, String> env) {
    return parse(yaml, baseDirForRelativePaths, fileNameForErrors, registry, env, Defaults.PROMETHEUS);
  }

  public static ConfigFile parse(String yaml, Path baseDirForRelativePaths,
      String fileNameForErrors, DiscoveryRegistry registry, Function<String, String> env,
      Defaults defaults) {
    ConfigSource source = new ConfigSource(fileNameForErrors, baseDirForRelativePaths);
    ConfigNode root = compose(yaml, source);
    ConfigMapping m = root.asMapping("config.Config");
    GlobalConfig global = GlobalConfigBinding.bind(m.get("global"), env, defaults);
    for (String section : LATER_SECTIONS) {
      ConfigNode n = m.get(section);
      if (n != null && !n.isEmpty()) {
        throw m.keyNode(section).error(section + " is not supported by Hearth yet");
      }
    }
    AlertingConfig alerting = AlertingConfigBinding.bind(m.get("alerting"), registry, global.nameValidation());
    // Read in full so that a mistake is reported as Prometheus reports it, then refused: remote
    // write and read come with issue 7, which will use these.
    if (!RemoteConfigBinding.writes(m, global.nameValidation()).isEmpty()) {
      throw m.keyNode("remote_write").error("remote_write is not supported by Hearth yet");
    }
    if (!RemoteConfigBinding.reads(m).isEmpty()) {
      throw m.keyNode("remote_read").error("remote_read is not supported by Hearth yet");
    }
    List<String> ruleFiles = AlertingConfigBinding.ruleFiles(m, source);
    List<ConfigNode> filePatterns = m.list("scrape_config_files");
    List<ScrapeConfigBinding.Job> jobs = new ArrayList<>();
    for (ConfigNode n : m.list("scrape_configs")) {
      jobs.add(ScrapeConfigBinding.parse(n, registry));
    }
    m.finish();
    for (ConfigNode p : filePatterns) {
      if (!SCRAPE_CONFIG_FILE.matcher(p.asString()).matches()) {
        throw p.error("invalid scrape config file path " + GoQuote.quote(p.asString()));
      }
    }

    List<ScrapeConfig> out = new ArrayList<>();
    Map<String, String> firstFoundIn = new HashMap<>();
    for (ScrapeConfigBinding.Job j : jobs) {
      ScrapeConfig c = ScrapeConfigBinding.validate(j, global);
      if (firstFoundIn.containsKey(c.jobName())) {
        throw j.node.error(
            "found multiple scrape configs with job name " + GoQuote.quote(c.jobName()));
      }
      firstFoundIn.put(c.jobName(), "main config file");
      out.add(c);
    }
    for (ConfigNode p : filePatterns) {
      List<Path> files;
      try {
        files = Glob.expand(source.resolve(p.asString()));
      } catch (IllegalArgumentException e) {
        throw p.error("error retrieving scrape config files for "
            + GoQuote.quote(p.asString()) + ": " + e.getMessage());
      }
      for (Path f : files) {
        includeScrapeConfigs(f, global, registry, firstFoundIn, out);
      }
    }
    return new ConfigFile(global, out, alerting, ruleFiles);
  }

  /** One {@code scrape_config_files} match: a document holding only {@code scrape_configs}. */
  private static void includeScrapeConfigs(Path file, GlobalConfig global,
      DiscoveryRegistry registry, Map<String, String> firstFoundIn, List<ScrapeConfig> out) {
    Path abs = file.toAbsolutePath().normalize();
    ConfigSource source = new ConfigSource(abs.toString(), abs.getParent());
    ConfigMapping m = compose(read(file, abs.toString()), source).asMapping("config.ScrapeConfigs");
    List<ScrapeConfigBinding.Job> jobs = new ArrayList<>();
    for (ConfigNode n : m.list("scrape_configs")) {
      jobs.add(ScrapeConfigBinding.parse(n, registry));
    }
    m.finish();
    for (ScrapeConfigBinding.Job j : jobs) {
      ScrapeConfig c = ScrapeConfigBinding.validate(j, global);
      String first = firstFoundIn.get(c.jobName());
      if (first != null) {
        throw j.node.error("found multiple scrape configs with job name "
            + GoQuote.quote(c.jobName()) + ", first found in " + first);
      }
      firstFoundIn.put(c.jobName(), GoQuote.quote(abs.toString()));
      out.add(c);
    }
  }

  /**
   * Parses YAML into its node tree (the binding toolkit's entry point); an empty document gives a
   * null node, which reads as an empty mapping.
   *
   * @throws ConfigException for YAML syntax errors, at the position SnakeYAML reports
   */
  public static ConfigNode compose(String yaml, ConfigSource source) {
    LoaderOptions options = new LoaderOptions();
    // Duplicates are rejected by ConfigNode with both positions; SnakeYAML would say less.
    options.setAllowDuplicateKeys(true);
    options.setCodePointLimit(64 << 20);
    try {
      Node node = new Yaml(options).compose(new java.io.StringReader(yaml));
      return new ConfigNode(node, "", source);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
      if (e.getContext() != null && e.getProblem() != null) {
        problem = e.getContext() + ": " + e.getProblem();
      }
      int line = mark == null ? 0 : mark.getLine() + 1;
      int column = mark == null ? 0 : mark.getColumn() + 1;
      throw new ConfigException(source.fileName(), line, column, "", "yaml: " + problem);
    } catch (YAMLException e) {
      throw new ConfigException(source.fileName(), 0, 0, "", "yaml: " + e.getMessage());
    }
  }

  private static String read(Path file, String name) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read config file: no such file");
    } catch (IOException e) {
      throw new ConfigException(name, 0, 0, "", "cannot read config file: " + e);
    }
  }
}
