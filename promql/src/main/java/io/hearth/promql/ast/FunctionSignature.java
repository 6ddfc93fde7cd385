package io.hearth.promql.ast;

import java.util.List;

/**
 * A function's name and types as the parser checks them. The engine looks implementations up by
 * name.
 *
 * @param argTypes the declared argument types; with {@code variadic > 0} the last type repeats,
 *     with {@code variadic == -1} it repeats without limit, and with {@code variadic == 0} the
 *     arity is exact. Prometheus's convention: optional trailing arguments are counted in
 *     {@code variadic}.
 * @param experimental whether the experimental-functions feature must be on to use it
 */
public record FunctionSignature(
    String name,
    List<ExprType> argTypes,
    int variadic,
    ExprType returnType,
    boolean experimental) {
  public FunctionSignature {
    argTypes = List.copyOf(argTypes);
  }
}
