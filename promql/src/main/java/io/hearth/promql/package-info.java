/**
 * PromQL: the syntax tree ({@code ast}), the parser ({@code parser}), the engine ({@code engine})
 * and the function implementations ({@code functions}). {@link io.hearth.promql.PromqlException} is
 * the one error type every part throws.
 */
package io.hearth.promql;
