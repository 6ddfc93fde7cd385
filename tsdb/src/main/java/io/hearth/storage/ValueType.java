package io.hearth.storage;

/** What a {@link SampleIterator} is positioned on. Histograms will join {@code FLOAT} later. */
public enum ValueType {
  /** The iterator is exhausted. */
  NONE,
  /** A float sample: read it with {@link SampleIterator#t()} and {@link SampleIterator#v()}. */
  FLOAT
}
