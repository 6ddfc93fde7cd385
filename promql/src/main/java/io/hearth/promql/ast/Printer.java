package io.hearth.promql.ast;

/** Turns a tree back into canonical PromQL, as Prometheus's {@code String()} methods do. */
public final class Printer {
  private Printer() {}

  public static String print(Expr e) {
    throw new UnsupportedOperationException("TODO(parser helper, issue 3)");
  }
}
