package io.hearth.storage;

/** Something that hands out {@link Appender}s: the head, the whole database. */
public interface Appendable {
  /** A new single-use appender; see {@link Appender} for its lifetime. */
  Appender appender();
}
