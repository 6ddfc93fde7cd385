package io.hearth.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * An immutable label set, sorted by name, with names unique and no empty values.
 *
 * <p>Stored as one array of alternating names and values (two references a label, no per-label
 * objects). The 64-bit hash is computed once at construction, over every character, so series
 * lookups compare hashes before strings. Thread-safe.
 */
public final class Labels implements Comparable<Labels> {
  public static final String METRIC_NAME = "__name__";
  public static final Labels EMPTY = new Labels(new String[0]);

  private final String[] nv; // name0, value0, name1, value1, ... sorted by name
  private final long hash;

  private Labels(String[] nv) {
    this.nv = nv;
    this.hash = hashOf(nv);
  }

  /** Builds a label set from alternating names and values, e.g. {@code of("job", "a", "instance", "b")}. */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got " + namesAndValues.length + " strings");
    }
    LabelsBuilder b = new LabelsBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.set(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  public static Labels fromMap(Map<String, String> m) {
    LabelsBuilder b = new LabelsBuilder();
    m.forEach(b::set);
    return b.build();
  }

  /**
   * Wraps an array of alternating names and values that the caller guarantees is sorted by name,
   * has unique names and no empty values. The array is owned by the result from now on.
   */
  static Labels wrapSorted(String[] nv) {
    assert isSortedUnique(nv) : Arrays.toString(nv);
    return nv.length == 0 ? EMPTY : new Labels(nv);
  }

  private static boolean isSortedUnique(String[] nv) {
    for (int i = 2; i < nv.length; i += 2) {
      if (nv[i - 2].compareTo(nv[i]) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** Returns the number of labels. */
  public int size() {
    return nv.length >>> 1;
  }

  public boolean isEmpty() {
    return nv.length == 0;
  }

  public String name(int i) {
    return nv[i << 1];
  }

  public String value(int i) {
    return nv[(i << 1) + 1];
  }

  /** Returns the value of the named label, or {@code ""} when the set has no such label (Prometheus's rule). */
  public String get(String name) {
    int i = indexOf(name);
    return i < 0 ? "" : nv[(i << 1) + 1];
  }

  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  private int indexOf(String name) {
    int lo = 0;
    int hi = size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = nv[mid << 1].compareTo(name);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The metric name, or {@code ""}. */
  public String metricName() {
    return get(METRIC_NAME);
  }

  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < nv.length; i += 2) {
      action.accept(nv[i], nv[i + 1]);
    }
  }

  public List<Label> toList() {
    List<Label> out = new ArrayList<>(size());
    for (int i = 0; i < nv.length; i += 2) {
      out.add(new Label(nv[i], nv[i + 1]));
    }
    return out;
  }

  /** A builder starting from this set, for changing a few labels. */
  public LabelsBuilder toBuilder() {
    LabelsBuilder b = new LabelsBuilder();
    for (int i = 0; i < nv.length; i += 2) {
      b.set(nv[i], nv[i + 1]);
    }
    return b;
  }

  /**
   * Returns a set whose strings are the table's canonical instances: this one if they already
   * are (a scraper that interned them first then shares one copy with the head), else a copy.
   */
  public Labels intern(SymbolTable symbols) {
    String[] out = null;
    for (int i = 0; i < nv.length; i++) {
      String c = symbols.intern(nv[i]);
      if (c != nv[i] && out == null) {
        out = nv.clone();
      }
      if (out != null) {
        out[i] = c;
      }
    }
    return out == null ? this : new Labels(out);
  }

  /** The 64-bit hash of the set; equal sets have equal hashes. */
  public long hash() {
    return hash;
  }

  // FNV-1a over every character, with each string's length mixed in so that {ab="c"} and
  // {a="bc"} differ, finished with a 64-bit avalanche so the low bits (stripes) and high bits
  // (table slots) are both well spread. Not String.hashCode: its collisions are trivial to make
  // ("Aa" and "BB"), and a pusher could then pile series onto one probe chain.
  private static long hashOf(String[] nv) {
    long h = 0xCBF29CE484222325L;
    for (String s : nv) {
      int n = s.length();
      for (int i = 0; i < n; i++) {
        h = (h ^ s.charAt(i)) * 0x100000001B3L;
      }
      h = (h ^ n ^ 0xFF00) * 0x100000001B3L;
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public int hashCode() {
    return (int) (hash ^ (hash >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Labels other) || other.hash != hash || other.nv.length != nv.length) {
      return false;
    }
    for (int i = 0; i < nv.length; i++) {
      String a = nv[i];
      String b = other.nv[i];
      if (a != b && !a.equals(b)) {
        return false;
      }
    }
    return true;
  }

  /** Prometheus's order: label by label, name first, then value; a prefix sorts first. */
  @Override
  public int compareTo(Labels o) {
    int n = Math.min(nv.length, o.nv.length);
    for (int i = 0; i < n; i++) {
      int c = nv[i].compareTo(o.nv[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(nv.length, o.nv.length);
  }

  /** Prometheus's rendering: {@code {a="1", b="2"}} with Go-style escaping of values. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(16 * nv.length).append('{');
    for (int i = 0; i < nv.length; i += 2) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(nv[i]).append('=');
      appendQuoted(sb, nv[i + 1]);
    }
    return sb.append('}').toString();
  }

  /** Appends {@code s} in double quotes, escaping backslash, quote and newline as PromQL reads them. */
  static void appendQuoted(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    sb.append('"');
  }
}
