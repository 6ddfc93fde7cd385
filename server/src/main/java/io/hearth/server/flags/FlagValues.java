package io.hearth.server.flags;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.LinkedHashSet;

/**
 * A parsed command line: for each flag the values given (already checked and in Prometheus's
 * printed form), else its defaults. Also records whether {@code --help} or {@code --version} was
 * asked for. Immutable.
 */
public final class FlagValues {
  private final Map<String, List<String>> given;
  private final boolean help;
  private final boolean version;

  FlagValues(Map<String, List<String>> given, boolean help, boolean version) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    given.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.given = Collections.unmodifiableMap(copy);
    this.help = help;
    this.version = version;
  }

  /** The command line was {@code --help}: print the usage and stop. */
  public boolean isHelp() {
    return help;
  }

  /** The command line was {@code --version}: print the version and stop. */
  public boolean isVersion() {
    return version;
  }

  /** Whether the flag was on the command line. */
  public boolean isSet(String name) {
    return given.containsKey(name);
  }

  /** The flags given on the command line, in the order each first appeared. */
  public SequencedSet<String> setFlags() {
    return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(given.keySet()));
  }

  /** The values given, else the canonical defaults; empty when neither exists. */
  public List<String> values(String name) {
    List<String> v = given.get(name);
    if (v != null) {
      return v;
    }
    Flag f = flag(name);
    List<String> out = new ArrayList<>(f.defaults().size());
    for (String d : f.defaults()) {
      out.add(f.type().canonical(f, d));
    }
    return out;
  }

  /**
   * The value as Prometheus's flag prints it ({@code Value.String()}), which is what {@code
   * /api/v1/status/flags} shows: repeated values joined by commas, and a type's zero ({@code 0s},
   * {@code 0B}, {@code false}, {@code 0}, "") when there is neither a value nor a default.
   */
  public String display(String name) {
    List<String> v = values(name);
    if (!v.isEmpty()) {
      return String.join(",", v);
    }
    return switch (flag(name).type()) {
      case BOOL -> "false";
      case DURATION, GO_DURATION -> "0s";
      case BYTES -> "0B";
      case INT, INT64, FLOAT -> "0";
      default -> "";
    };
  }

  /** The single value, or the display form when there is none. */
  public String string(String name) {
    return display(name);
  }

  public boolean bool(String name) {
    return Boolean.parseBoolean(display(name));
  }

  /** A duration flag in milliseconds. */
  public long durationMillis(String name) {
    return io.hearth.scrape.config.Durations.parse(display(name)).toMillis();
  }

  /** An integer flag. */
  public long integer(String name) {
    return Long.parseLong(display(name));
  }

  private static Flag flag(String name) {
    Flag f = PrometheusFlags.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no flag --" + name);
    }
    return f;
  }
}
