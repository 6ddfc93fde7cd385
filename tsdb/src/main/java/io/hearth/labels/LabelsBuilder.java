package io.hearth.labels;

import java.util.Arrays;

/**
 * Collects labels in any order and builds a sorted {@link Labels}. Setting a name twice keeps the
 * last value; an empty value deletes the label, as in Prometheus. Not thread-safe; reusable after
 * {@link #reset()}.
 */
public final class LabelsBuilder {
  private String[] names = new String[16];
  private String[] values = new String[16];
  private int n;

  public LabelsBuilder reset() {
    Arrays.fill(names, 0, n, null);
    Arrays.fill(values, 0, n, null);
    n = 0;
    return this;
  }

  public LabelsBuilder set(String name, String value) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("label name must not be empty, got " + (name == null ? "null" : "\"\""));
    }
    for (int i = 0; i < n; i++) {
      if (names[i].equals(name)) {
        values[i] = value;
        return this;
      }
    }
    if (n == names.length) {
      names = Arrays.copyOf(names, n * 2);
      values = Arrays.copyOf(values, n * 2);
    }
    names[n] = name;
    values[n] = value;
    n++;
    return this;
  }

  public LabelsBuilder delete(String name) {
    return set(name, "");
  }

  /** The value set so far, or {@code ""}. */
  public String get(String name) {
    for (int i = 0; i < n; i++) {
      if (names[i].equals(name)) {
        return values[i] == null ? "" : values[i];
      }
    }
    return "";
  }

  public Labels build() {
    int live = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] != null && !values[i].isEmpty()) {
        live++;
      }
    }
    if (live == 0) {
      return Labels.EMPTY;
    }
    // Insertion sort of indexes: label sets are small, and this avoids boxing a comparator sort.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      int j = i;
      while (j > 0 && names[order[j - 1]].compareTo(names[i]) > 0) {
        order[j] = order[j - 1];
        j--;
      }
      order[j] = i;
    }
    String[] nv = new String[live * 2];
    int j = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      if (values[i] != null && !values[i].isEmpty()) {
        nv[j++] = names[i];
        nv[j++] = values[i];
      }
    }
    return Labels.wrapSorted(nv);
  }
}
