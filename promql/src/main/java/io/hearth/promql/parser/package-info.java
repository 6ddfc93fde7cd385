/**
 * The PromQL parser: {@link io.hearth.promql.parser.PromqlParser} turns query text into the
 * {@link io.hearth.promql.ast} tree, checks it as Prometheus does, and reports failures as
 * {@link io.hearth.promql.parser.ParseException} with Prometheus's wording. The ANTLR-generated
 * classes in {@code parser.antlr} are an implementation detail and never leave this package.
 */
package io.hearth.promql.parser;
