package io.hearth.promql.engine;

import io.hearth.labels.Labels;
import io.hearth.labels.SymbolTable;
import io.hearth.storage.Appender;
import io.hearth.tsdb.head.Head;
import io.hearth.tsdb.head.HeadOptions;

/** A small in-memory head for engine tests: one series per {@link #add} call. */
final class TestData {
  final Head head = new Head(HeadOptions.defaults(), new SymbolTable());

  /** Appends {@code values[i]} at {@code i * intervalMs}; NaN-bit values are written as given. */
  TestData add(Labels labels, long intervalMs, double... values) {
    Appender app = head.appender();
    for (int i = 0; i < values.length; i++) {
      app.append(0, labels, i * intervalMs, values[i]);
    }
    app.commit();
    return this;
  }

  TestData add(String metric, String labelName, String labelValue, long intervalMs, double... values) {
    return add(Labels.of("__name__", metric, labelName, labelValue), intervalMs, values);
  }
}
