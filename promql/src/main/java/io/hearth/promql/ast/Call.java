package io.hearth.promql.ast;

import java.util.List;

/** A function call; the parser has already checked arity and argument types. */
public record Call(FunctionSignature function, List<Expr> args, PositionRange pos)
    implements Expr {
  public Call {
    args = List.copyOf(args);
  }
}
