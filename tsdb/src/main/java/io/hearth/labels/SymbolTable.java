package io.hearth.labels;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns label names and values so that every series holding {@code job="node"} points at one
 * {@code String}. Thread-safe. Strings are never removed while the table lives; the head builds a
 * new table when it rebuilds its index.
 */
public final class SymbolTable {
  private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>(1 << 12);

  /** Returns the canonical instance equal to {@code s}, adding {@code s} if it is new. */
  public String intern(String s) {
    String prev = strings.putIfAbsent(s, s);
    return prev == null ? s : prev;
  }

  public int size() {
    return strings.size();
  }
}
