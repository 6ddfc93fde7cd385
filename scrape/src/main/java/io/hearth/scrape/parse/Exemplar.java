package io.hearth.scrape.parse;

import io.hearth.labels.Labels;

/** A reusable holder the parser writes an exemplar into; see {@link ExpositionParser#exemplar}. */
public final class Exemplar {
  public Labels labels = Labels.EMPTY;
  public double value;
  public boolean hasTimestamp;
  /** Milliseconds since the epoch; meaningful only when {@link #hasTimestamp}. */
  public long timestamp;
}
