/**
 * The numeric core of PromQL functions: range-vector functions over a reusable {@link
 * io.hearth.promql.functions.Window}, elementwise math and date functions, quantiles and Kahan
 * summation. Everything here works on primitive doubles and longs and allocates nothing per call;
 * label handling, annotations and series bookkeeping belong to the engine.
 */
package io.hearth.promql.functions;
