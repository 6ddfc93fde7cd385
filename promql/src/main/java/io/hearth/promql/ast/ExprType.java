package io.hearth.promql.ast;

/** The type an expression evaluates to, named as Prometheus names it in error messages. */
public enum ExprType {
  NONE("none"),
  SCALAR("scalar"),
  VECTOR("instant vector"),
  MATRIX("range vector"),
  STRING("string");

  private final String text;

  ExprType(String text) {
    this.text = text;
  }

  /** The name used in messages, e.g. {@code "instant vector"}. */
  public String text() {
    return text;
  }
}
