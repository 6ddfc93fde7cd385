package io.hearth.labels;

/** The four label matcher operators of PromQL. */
public enum MatchType {
  EQUAL("="),
  NOT_EQUAL("!="),
  REGEX("=~"),
  NOT_REGEX("!~");

  private final String op;

  MatchType(String op) {
    this.op = op;
  }

  /** The operator as written in PromQL. */
  public String op() {
    return op;
  }

  public boolean isRegex() {
    return this == REGEX || this == NOT_REGEX;
  }

  /** The operator that matches exactly the values this one does not. */
  public MatchType inverse() {
    return switch (this) {
      case EQUAL -> NOT_EQUAL;
      case NOT_EQUAL -> EQUAL;
      case REGEX -> NOT_REGEX;
      case NOT_REGEX -> REGEX;
    };
  }
}
