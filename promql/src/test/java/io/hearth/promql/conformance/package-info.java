/**
 * A runner for Prometheus's PromQL test-script language ({@code shared/conformance/promql/*.test}):
 * parses the scripts, loads their series into a fresh head, evaluates each {@code eval} through the
 * engine and compares the result as upstream's harness does. See {@code FORMAT.md} next to the
 * scripts for the language.
 */
package io.hearth.promql.conformance;
