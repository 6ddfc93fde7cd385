package io.hearth.scrape.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A YAML mapping read as a struct: each reader names a field, and {@link #finish()} then rejects
 * every key no reader asked for, as Go's strict unmarshalling does ("field x not found in type
 * y"). Readers follow Go: a missing field gives the default, an explicit null gives the zero value.
 * Not thread-safe; one binder reads one mapping.
 */
public final class ConfigMapping {
  private final ConfigNode node;
  private final String typeName;
  private final Map<String, ConfigNode.Entry> entries;
  private final Set<String> read = new HashSet<>();

  ConfigMapping(ConfigNode node, String typeName, Map<String, ConfigNode.Entry> entries) {
    this.node = node;
    this.typeName = typeName;
    this.entries = entries;
  }

  /** The mapping itself, for errors about it as a whole. */
  public ConfigNode node() {
    return node;
  }

  public Set<String> keys() {
    return entries.keySet();
  }

  /** Whether the key is written, even as null; does not count as reading it. */
  public boolean has(String key) {
    return entries.containsKey(key);
  }

  /** The value node, or null when the key is absent; marks the key as known. */
  public ConfigNode get(String key) {
    read.add(key);
    ConfigNode.Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  /** The key node, for errors about the key itself; null when absent. */
  public ConfigNode keyNode(String key) {
    ConfigNode.Entry e = entries.get(key);
    return e == null ? null : e.key().withPath(node.childPath(key));
  }

  /** An error at the field's value if written, else at the mapping. */
  public ConfigException error(String key, String reason) {
    ConfigNode v = entries.containsKey(key) ? entries.get(key).value() : null;
    return v != null ? v.error(reason) : node.error(reason);
  }

  public String string(String key, String dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asString();
  }

  public boolean bool(String key, boolean dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asBool();
  }

  public long uint(String key, long dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asUint();
  }

  public long integer(String key, long dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asInt();
  }

  public double floating(String key, double dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asFloat();
  }

  public Duration duration(String key, Duration dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asDuration();
  }

  public long bytes(String key, long dflt) {
    ConfigNode v = get(key);
    return v == null ? dflt : v.asBytes();
  }

  /** Absent and null both read as empty. */
  public List<String> stringList(String key) {
    ConfigNode v = get(key);
    return v == null ? List.of() : v.asStringList();
  }

  /** Absent and null both read as empty. */
  public List<ConfigNode> list(String key) {
    ConfigNode v = get(key);
    return v == null ? List.of() : v.asList();
  }

  public Map<String, String> stringMap(String key) {
    ConfigNode v = get(key);
    return v == null ? Map.of() : v.asStringMap();
  }

  /** A nested struct; null when absent or written as null (a Go pointer field left nil). */
  public ConfigMapping mapping(String key, String nestedTypeName) {
    ConfigNode v = get(key);
    return v == null || v.isNull() ? null : v.asMapping(nestedTypeName);
  }

  /** Rejects every key that no reader asked for, the first in document order. */
  public void finish() {
    for (Map.Entry<String, ConfigNode.Entry> e : entries.entrySet()) {
      if (!read.contains(e.getKey())) {
        throw keyNode(e.getKey())
            .error("field " + e.getKey() + " not found in type " + typeName);
      }
    }
  }
}
