package io.hearth.scrape.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;

/**
 * One YAML node with its field path and source, and typed readers that follow Go's {@code
 * yaml.v2} as Prometheus uses it: an explicit {@code null} (or an empty value) reads as the type's
 * zero value ({@code ""}, {@code false}, 0, empty), any scalar reads as a string, and a value of
 * the wrong shape fails with "cannot unmarshal !!tag `value` into type". Every failure is a {@link
 * ConfigException} naming file, line, column and path. Immutable; cheap to create.
 */
public final class ConfigNode {
  private static final Set<String> TRUE_WORDS =
      Set.of("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON");
  private static final Set<String> FALSE_WORDS =
      Set.of("n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF");

  private final Node node;
  private final String path;
  private final ConfigSource source;

  /** @param node null stands for an empty document, read as an empty mapping or null */
  public ConfigNode(Node node, String path, ConfigSource source) {
    this.node = node;
    this.path = path;
    this.source = source;
  }

  public String path() {
    return path;
  }

  public ConfigSource source() {
    return source;
  }

  /** 1-based; 0 for an empty document. */
  public int line() {
    return node == null ? 0 : node.getStartMark().getLine() + 1;
  }

  /** 1-based; 0 for an empty document. */
  public int column() {
    return node == null ? 0 : node.getStartMark().getColumn() + 1;
  }

  public boolean isNull() {
    return node == null || (node instanceof ScalarNode && node.getTag().equals(Tag.NULL));
  }

  public boolean isMapping() {
    return node instanceof MappingNode;
  }

  public boolean isSequence() {
    return node instanceof SequenceNode;
  }

  /** True for a null, an empty mapping or an empty sequence: a section that asks for nothing. */
  public boolean isEmpty() {
    return isNull()
        || (node instanceof MappingNode m && m.getValue().isEmpty())
        || (node instanceof SequenceNode s && s.getValue().isEmpty());
  }

  /** An error positioned at this node and named by its path. */
  public ConfigException error(String reason) {
    return new ConfigException(source.fileName(), line(), column(), path, reason);
  }

  /** The same node under another path, e.g. an error reported for a whole section. */
  ConfigNode withPath(String newPath) {
    return new ConfigNode(node, newPath, source);
  }

  String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public String asString() {
    if (isNull()) {
      return "";
    }
    if (node instanceof ScalarNode s) {
      return s.getValue();
    }
    throw mismatch("string");
  }

  public boolean asBool() {
    if (isNull()) {
      return false;
    }
    if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
      if (TRUE_WORDS.contains(s.getValue())) {
        return true;
      }
      if (FALSE_WORDS.contains(s.getValue())) {
        return false;
      }
    }
    throw mismatch("bool");
  }

  /** A Go {@code uint}: decimal, {@code 0x}, {@code 0o} or {@code 0b}, underscores allowed. */
  public long asUint() {
    if (isNull()) {
      return 0;
    }
    if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
      String t = s.getValue().replace("_", "");
      if (t.startsWith("+")) {
        t = t.substring(1);
      }
      int radix = 10;
      if (t.startsWith("0x")) {
        radix = 16;
        t = t.substring(2);
      } else if (t.startsWith("0o")) {
        radix = 8;
        t = t.substring(2);
      } else if (t.startsWith("0b")) {
        radix = 2;
        t = t.substring(2);
      }
      if (!t.isEmpty() && Character.digit(t.charAt(0), radix) >= 0) {
        try {
          return Long.parseLong(t, radix);
        } catch (NumberFormatException e) {
          // Falls through: negative, too large or not a number.
        }
      }
    }
    throw mismatch("uint");
  }

  /** A Go {@code int}: an optional sign, then what {@link #asUint} reads. */
  public long asInt() {
    if (!isNull() && node instanceof ScalarNode sc && sc.getScalarStyle() == ScalarStyle.PLAIN
        && sc.getValue().startsWith("-")) {
      String rest = sc.getValue().substring(1);
      if (!rest.isEmpty() && Character.isDigit(rest.charAt(0))) {
        try {
          return -Long.parseLong(rest.replace("_", ""));
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      throw mismatch("int");
    }
    try {
      return asUint();
    } catch (ConfigException e) {
      throw mismatch("int");
    }
  }

  public double asFloat() {
    if (isNull()) {
      return 0;
    }
    if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
      String t = s.getValue().replace("_", "");
      switch (t) {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
          return Double.POSITIVE_INFINITY;
        }
        case "-.inf", "-.Inf", "-.INF" -> {
          return Double.NEGATIVE_INFINITY;
        }
        case ".nan", ".NaN", ".NAN" -> {
          return Double.NaN;
        }
        default -> {}
      }
      if (!t.isEmpty() && t.chars().allMatch(c -> "0123456789+-.eE".indexOf(c) >= 0)) {
        try {
          return Double.parseDouble(t);
        } catch (NumberFormatException e) {
          // Falls through to the type error.
        }
      }
    }
    throw mismatch("float64");
  }

  /** A Prometheus duration ({@code 1h30m}, {@code 0}); null reads as zero. */
  public Duration asDuration() {
    if (isNull()) {
      return Duration.ZERO;
    }
    try {
      return Durations.parse(asString());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** A base-2 byte size ({@code 10MB} = 10 MiB); null reads as zero. */
  public long asBytes() {
    if (isNull()) {
      return 0;
    }
    try {
      return ByteSizes.parse(asString());
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** The elements of a sequence, each with its {@code [i]} path; null reads as empty. */
  public List<ConfigNode> asList() {
    if (isNull()) {
      return List.of();
    }
    if (!(node instanceof SequenceNode seq)) {
      throw mismatch("a list");
    }
    List<ConfigNode> out = new ArrayList<>(seq.getValue().size());
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new ConfigNode(seq.getValue().get(i), path + "[" + i + "]", source));
    }
    return out;
  }

  public List<String> asStringList() {
    List<ConfigNode> items = asList();
    List<String> out = new ArrayList<>(items.size());
    for (ConfigNode item : items) {
      out.add(item.asString());
    }
    return out;
  }

  /** A struct-like mapping; null reads as an empty one. */
  public ConfigMapping asMapping(String typeName) {
    if (isNull()) {
      return new ConfigMapping(this, typeName, new LinkedHashMap<>());
    }
    return new ConfigMapping(this, typeName, entries());
  }

  /** A {@code map[string]string}; null reads as empty; duplicate keys fail. */
  public Map<String, String> asStringMap() {
    Map<String, String> out = new LinkedHashMap<>();
    if (isNull()) {
      return out;
    }
    for (Map.Entry<String, Entry> e : entries().entrySet()) {
      out.put(e.getKey(), e.getValue().value().asString());
    }
    return out;
  }

  /** A {@code map[string]T}: each value node keyed by name, in document order. */
  public Map<String, ConfigNode> asNodeMap() {
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    if (isNull()) {
      return out;
    }
    for (Map.Entry<String, Entry> e : entries().entrySet()) {
      out.put(e.getKey(), e.getValue().value());
    }
    return out;
  }

  /** A mapping key and its value, both positioned. */
  record Entry(ConfigNode key, ConfigNode value) {}

  /**
   * The mapping's entries in document order. Duplicate keys fail (Go's strict mode does too);
   * {@code <<} merge keys are flattened, explicit keys winning over merged ones.
   */
  Map<String, Entry> entries() {
    if (!(node instanceof MappingNode m)) {
      throw mismatch("a mapping");
    }
    Map<String, Entry> out = new LinkedHashMap<>();
    List<ConfigNode> merges = new ArrayList<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (k instanceof ScalarNode ks && ks.getTag().equals(Tag.MERGE)) {
        merges.add(new ConfigNode(t.getValueNode(), path, source));
        continue;
      }
      ConfigNode keyNode = new ConfigNode(k, path, source);
      String key = keyNode.asString();
      Entry prev = out.get(key);
      if (prev != null) {
        throw keyNode
            .withPath(childPath(key))
            .error("mapping key \"" + key + "\" already defined at line " + prev.key().line());
      }
      out.put(key, new Entry(keyNode, new ConfigNode(t.getValueNode(), childPath(key), source)));
    }
    for (ConfigNode merge : merges) {
      List<ConfigNode> sources = merge.isSequence() ? merge.asList() : List.of(merge);
      for (ConfigNode src : sources) {
        if (!src.isMapping()) {
          throw src.error("map merge requires map or sequence of maps as the value");
        }
        for (Map.Entry<String, Entry> e : src.entries().entrySet()) {
          out.putIfAbsent(
              e.getKey(),
              new Entry(
                  e.getValue().key(), e.getValue().value().withPath(childPath(e.getKey()))));
        }
      }
    }
    return out;
  }

  private ConfigException mismatch(String type) {
    String tag = node.getTag().getValue();
    if (tag.startsWith(Tag.PREFIX)) {
      tag = "!!" + tag.substring(Tag.PREFIX.length());
    }
    if (node instanceof ScalarNode s) {
      if (s.getScalarStyle() != ScalarStyle.PLAIN) {
        tag = "!!str";
      }
      return error("cannot unmarshal " + tag + " `" + s.getValue() + "` into " + type);
    }
    return error("cannot unmarshal " + tag + " into " + type);
  }
}
