/**
 * The PromQL syntax tree: immutable records under the sealed {@link io.hearth.promql.ast.Expr}, the
 * operator enums, source positions, and the printer that turns a tree back into canonical PromQL.
 * Nothing here evaluates anything; the engine keeps its per-query state in its own tables.
 */
package io.hearth.promql.ast;
