package io.hearth.server.logging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Key/value pairs attached to a log record as slog's attributes ({@code signal=terminated}). Carried
 * as the record's only parameter; {@link SlogFormatter} writes them after the message. Immutable.
 */
public final class Attributes {
  private final List<Object> keyValues;

  private Attributes(List<Object> keyValues) {
    this.keyValues = Collections.unmodifiableList(keyValues);
  }

  /**
   * Alternating keys (strings) and values.
   *
   * @throws IllegalArgumentException when the count is odd or a key is not a string
   */
  public static Attributes of(Object... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up, got " + keyValues.length);
    }
    List<Object> l = new ArrayList<>(keyValues.length);
    for (int i = 0; i < keyValues.length; i += 2) {
      if (!(keyValues[i] instanceof String)) {
        throw new IllegalArgumentException("a key must be a string, got " + keyValues[i]);
      }
      l.add(keyValues[i]);
      l.add(keyValues[i + 1]);
    }
    return new Attributes(l);
  }

  int size() {
    return keyValues.size() / 2;
  }

  String key(int i) {
    return (String) keyValues.get(2 * i);
  }

  Object value(int i) {
    return keyValues.get(2 * i + 1);
  }
}
