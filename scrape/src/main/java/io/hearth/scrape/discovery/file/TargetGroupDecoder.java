package io.hearth.scrape.discovery.file;

import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.scrape.discovery.TargetGroup;
import io.hearth.scrape.parse.GoQuote;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Decodes a file_sd file, a list of {@code {targets: [...], labels: {...}}}, the way Prometheus
 * does: JSON as Go's {@code encoding/json} with unknown fields refused and field names matched
 * without regard to case, YAML as {@code yaml.v2}'s {@code UnmarshalStrict} (scalars of any type
 * read as their text, unknown and repeated keys refused). Error texts are Prometheus's, Go type
 * names included, so logs read the same. Stateless.
 */
final class TargetGroupDecoder {
  static final String FILEPATH_LABEL = "__meta_filepath";
  static final String ADDRESS_LABEL = "__address__";

  private static final String JSON_GROUP_TYPE =
      "struct { Targets []string \"json:\\\"targets\\\"\"; Labels model.LabelSet \"json:\\\"labels\\\"\" }";
  private static final String YAML_GROUP_TYPE =
      "struct { Targets []string \"yaml:\\\"targets\\\"\"; Labels model.LabelSet \"yaml:\\\"labels\\\"\" }";

  private TargetGroupDecoder() {}

  static final class InvalidFileException extends Exception {
    InvalidFileException(String message) {
      super(message, null, false, false);
    }
  }

  /** One decoded group before it gets its source and {@code __meta_filepath}. */
  private record Group(List<String> targets, Map<String, String> labels) {}

  static List<TargetGroup> decode(String path, String content) throws InvalidFileException {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    List<Group> groups;
    if (lower.endsWith(".json")) {
      groups = decodeJson(content);
    } else if (lower.endsWith(".yml") || lower.endsWith(".yaml")) {
      groups = decodeYaml(content);
    } else {
      throw new InvalidFileException("unhandled file extension in " + path);
    }
    List<TargetGroup> out = new ArrayList<>(groups.size());
    for (int i = 0; i < groups.size(); i++) {
      if (groups.get(i) == null) {
        throw new InvalidFileException("nil target group item found");
      }
    }
    for (int i = 0; i < groups.size(); i++) {
      Group g = groups.get(i);
      List<Labels> targets = new ArrayList<>(g.targets.size());
      for (String t : g.targets) {
        targets.add(Labels.of(ADDRESS_LABEL, t));
      }
      LabelsBuilder lb = new LabelsBuilder();
      g.labels.forEach(lb::set);
      lb.set(FILEPATH_LABEL, path);
      out.add(new TargetGroup(source(path, i), targets, lb.build()));
    }
    return out;
  }

  /** The source of the i-th group of a file, as upstream names it. */
  static String source(String path, int i) {
    return path + ":" + i;
  }

  // ---- JSON -----------------------------------------------------------------------------------

  private static List<Group> decodeJson(String content) throws InvalidFileException {
    Object root;
    try {
      root = JsonTree.parse(content);
    } catch (JsonTree.SyntaxException e) {
      throw new InvalidFileException(e.getMessage());
    }
    if (root == JsonTree.NULL) {
      return List.of();
    }
    if (!(root instanceof List<?> items)) {
      throw jsonType(JsonTree.kind(root), "", "[]*targetgroup.Group");
    }
    List<Group> groups = new ArrayList<>(items.size());
    for (Object item : items) {
      groups.add(item == JsonTree.NULL ? null : jsonGroup(item));
    }
    return groups;
  }

  private static Group jsonGroup(Object item) throws InvalidFileException {
    if (!(item instanceof JsonTree.Obj obj)) {
      throw jsonType(JsonTree.kind(item), "", JSON_GROUP_TYPE);
    }
    // Go saves the first type error and decodes on; label errors return at once.
    InvalidFileException saved = null;
    List<String> targets = List.of();
    Map<String, String> labels = Map.of();
    for (Map.Entry<String, Object> m : obj.members()) {
      String key = m.getKey();
      Object v = m.getValue();
      if (key.equalsIgnoreCase("targets")) {
        if (v == JsonTree.NULL) {
          targets = List.of();
        } else if (v instanceof List<?> list) {
          List<String> ts = new ArrayList<>(list.size());
          for (Object t : list) {
            if (t instanceof String str) {
              ts.add(str);
            } else if (t == JsonTree.NULL) {
              ts.add("");
            } else {
              ts.add("");
              saved = saved != null ? saved : jsonType(JsonTree.kind(t), "targets", "string");
            }
          }
          targets = ts;
        } else {
          saved = saved != null ? saved : jsonType(JsonTree.kind(v), "targets", "[]string");
        }
      } else if (key.equalsIgnoreCase("labels")) {
        labels = jsonLabels(v);
      } else {
        saved = saved != null ? saved : new InvalidFileException("json: unknown field " + GoQuote.quote(key));
      }
    }
    if (saved != null) {
      throw saved;
    }
    return new Group(targets, labels);
  }

  private static Map<String, String> jsonLabels(Object v) throws InvalidFileException {
    if (v == JsonTree.NULL) {
      return Map.of();
    }
    if (!(v instanceof JsonTree.Obj obj)) {
      throw jsonType(JsonTree.kind(v), "labels", "map[model.LabelName]model.LabelValue");
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, Object> m : obj.members()) {
      Object value = m.getValue();
      if (value instanceof String s) {
        labels.put(m.getKey(), s);
      } else if (value == JsonTree.NULL) {
        labels.put(m.getKey(), ""); // Go stores the zero value
      } else {
        throw jsonType(JsonTree.kind(value), "labels", "model.LabelValue");
      }
    }
    checkLabelNames(labels);
    return labels;
  }

  private static InvalidFileException jsonType(String kind, String field, String type) {
    String into = field.isEmpty() ? "Go value" : "Go struct field ." + field;
    return new InvalidFileException("json: cannot unmarshal " + kind + " into " + into + " of type " + type);
  }

  // ---- YAML -----------------------------------------------------------------------------------

  private static List<Group> decodeYaml(String content) throws InvalidFileException {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(Integer.MAX_VALUE); // SD files of many MB are normal
    options.setAllowRecursiveKeys(false);
    Node root;
    try {
      // yaml.v2 decodes only the first document of a stream.
      Iterator<Node> docs = new Yaml(options).composeAll(new StringReader(content)).iterator();
      root = docs.hasNext() ? docs.next() : null;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
      throw new InvalidFileException("yaml: line " + line + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new InvalidFileException("yaml: " + e.getMessage());
    }
    if (root == null || isNull(root)) {
      return List.of();
    }
    List<String> errors = new ArrayList<>();
    List<Group> groups = new ArrayList<>();
    if (!(root instanceof SequenceNode seq)) {
      errors.add(yamlTypeError(root, "[]*targetgroup.Group"));
    } else {
      for (Node item : seq.getValue()) {
        groups.add(isNull(item) ? null : yamlGroup(item, errors));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidFileException("yaml: unmarshal errors:\n  " + String.join("\n  ", errors));
    }
    return groups;
  }

  private static Group yamlGroup(Node item, List<String> errors) throws InvalidFileException {
    if (!(item instanceof MappingNode map)) {
      errors.add(yamlTypeError(item, YAML_GROUP_TYPE));
      return new Group(List.of(), Map.of());
    }
    List<String> targets = List.of();
    Map<String, String> labels = Map.of();
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : map.getValue()) {
      Node k = t.getKeyNode();
      Node v = t.getValueNode();
      String key = k instanceof ScalarNode s && !isNull(s) ? s.getValue() : "";
      if (!seen.add(key)) {
        errors.add("line " + line(k) + ": key " + GoQuote.quote(key) + " already set in map");
        continue;
      }
      if (key.equals("targets")) {
        targets = yamlTargets(v, errors);
      } else if (key.equals("labels")) {
        labels = yamlLabels(v, errors);
      } else {
        errors.add("line " + line(k) + ": field " + key + " not found in type " + YAML_GROUP_TYPE);
      }
    }
    return new Group(targets, labels);
  }

  private static List<String> yamlTargets(Node v, List<String> errors) {
    if (isNull(v)) {
      return List.of();
    }
    if (!(v instanceof SequenceNode seq)) {
      errors.add(yamlTypeError(v, "[]string"));
      return List.of();
    }
    List<String> targets = new ArrayList<>(seq.getValue().size());
    for (Node t : seq.getValue()) {
      String s = yamlString(t, "string", errors);
      if (s != null) {
        targets.add(s);
      }
    }
    return targets;
  }

  private static Map<String, String> yamlLabels(Node v, List<String> errors) throws InvalidFileException {
    if (isNull(v)) {
      return Map.of();
    }
    if (!(v instanceof MappingNode map)) {
      errors.add(yamlTypeError(v, "model.LabelSet"));
      return Map.of();
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String name = yamlString(t.getKeyNode(), "string", errors);
      if (name == null) {
        continue;
      }
      // The name is checked as it is decoded, and that error ends decoding at once.
      if (name.isEmpty()) {
        throw new InvalidFileException(GoQuote.quote(name) + " is not a valid label name");
      }
      if (labels.containsKey(name)) {
        errors.add("line " + line(t.getKeyNode()) + ": key " + GoQuote.quote(name) + " already set in map");
        continue;
      }
      String value = yamlString(t.getValueNode(), "model.LabelValue", errors);
      if (value != null) {
        labels.put(name, value);
      }
    }
    return labels;
  }

  /** A scalar's text (null reads as ""); a collection is a type error and yields null. */
  private static String yamlString(Node n, String type, List<String> errors) {
    if (n instanceof ScalarNode s) {
      return isNull(s) ? "" : s.getValue();
    }
    errors.add(yamlTypeError(n, type));
    return null;
  }

  private static boolean isNull(Node n) {
    return n instanceof ScalarNode && n.getTag().equals(Tag.NULL);
  }

  /** yaml.v2's {@code terror}: the node's short tag, a scalar's first characters, the Go type. */
  private static String yamlTypeError(Node n, String type) {
    String value = "";
    if (n instanceof ScalarNode s) {
      String text = s.getValue();
      value = text.length() > 10 ? " `" + text.substring(0, 7) + "...`" : " `" + text + "`";
    }
    return "line " + line(n) + ": cannot unmarshal " + shortTag(n.getTag()) + value + " into " + type;
  }

  private static String shortTag(Tag tag) {
    String t = tag.getValue();
    return t.startsWith(Tag.PREFIX) ? "!!" + t.substring(Tag.PREFIX.length()) : t;
  }

  private static int line(Node n) {
    return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
  }

  // ---- shared ---------------------------------------------------------------------------------

  /** Prometheus 3 validates label names as UTF-8, so only the empty name is invalid here. */
  private static void checkLabelNames(Map<String, String> labels) throws InvalidFileException {
    for (String name : labels.keySet()) {
      if (name.isEmpty()) {
        throw new InvalidFileException(GoQuote.quote(name) + " is not a valid label name");
      }
    }
  }
}
