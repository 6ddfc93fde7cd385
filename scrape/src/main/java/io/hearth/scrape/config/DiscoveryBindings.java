package io.hearth.scrape.config;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.scrape.discovery.StaticConfig;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.discovery.file.FileSdConfig;
import io.hearth.scrape.parse.GoQuote;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The YAML of the discovery mechanisms Hearth has built in: static and file. */
final class DiscoveryBindings {
  /** A glob only in the last path element, and a JSON or YAML extension. */
  private static final Pattern FILE_SD_NAME =
      Pattern.compile("[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)");

  static final Duration FILE_SD_REFRESH = Duration.ofMinutes(5);

  private DiscoveryBindings() {}

  /** One {@code static_configs} entry: one group whose source the caller numbers. */
  static StaticConfig staticConfig(ConfigNode entry) {
    return new StaticConfig(List.of(targetGroup(entry, "")));
  }

  /** A target group as written in static configs and file SD's YAML files. */
  static TargetGroup targetGroup(ConfigNode entry, String source) {
    ConfigMapping m = entry.asMapping("targetgroup.Group");
    List<Labels> targets = new ArrayList<>();
    for (String t : m.stringList("targets")) {
      targets.add(Labels.of("__address__", t));
    }
    Labels labels = labelSet(m.get("labels"));
    m.finish();
    return new TargetGroup(source, targets, labels);
  }

  /** A {@code model.LabelSet}: names must be valid UTF-8 label names, values anything. */
  static Labels labelSet(ConfigNode node) {
    if (node == null || node.isNull()) {
      return Labels.EMPTY;
    }
    LabelsBuilder b = new LabelsBuilder();
    for (Map.Entry<String, ConfigNode.Entry> e : node.entries().entrySet()) {
      if (!LabelNames.isUtf8(e.getKey())) {
        throw e.getValue().key().withPath(node.childPath(e.getKey()))
            .error(GoQuote.quote(e.getKey()) + " is not a valid label name");
      }
      b.set(e.getKey(), e.getValue().value().asString());
    }
    return b.build();
  }

  static FileSdConfig fileSdConfig(ConfigNode entry) {
    ConfigMapping m = entry.asMapping("file.SDConfig");
    ConfigNode filesNode = m.get("files");
    List<String> files = filesNode == null ? List.of() : filesNode.asStringList();
    Duration refresh = m.duration("refresh_interval", FILE_SD_REFRESH);
    m.finish();
    if (files.isEmpty()) {
      throw m.error("files", "file service discovery config must contain at least one path name");
    }
    List<String> resolved = new ArrayList<>(files.size());
    for (int i = 0; i < files.size(); i++) {
      String name = files.get(i);
      if (!FILE_SD_NAME.matcher(name).matches()) {
        throw filesNode.asList().get(i)
            .error("path name " + GoQuote.quote(name) + " is not valid for file discovery");
      }
      resolved.add(entry.source().resolve(name));
    }
    return new FileSdConfig(resolved, refresh);
  }
}
