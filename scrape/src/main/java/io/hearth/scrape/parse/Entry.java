package io.hearth.scrape.parse;

/** What {@link ExpositionParser#next()} stopped on. */
public enum Entry {
  /** A sample with a float value. */
  SERIES,
  /** A {@code # HELP} line (or the help of a protobuf family). */
  HELP,
  /** A {@code # TYPE} line (or the type of a protobuf family). */
  TYPE,
  /** An OpenMetrics {@code # UNIT} line (or the unit of a protobuf family). */
  UNIT,
  /** Any other comment line. */
  COMMENT,
  /** The end of the input: no more entries. */
  EOF
}
