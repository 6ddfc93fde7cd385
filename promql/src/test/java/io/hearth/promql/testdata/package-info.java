/**
 * Test data shared by the promql tests and the query benchmarks of module jmh (shipped in this
 * module's test jar): a loader that appends an OpenMetrics file written by {@code
 * shared/bench/openmetrics_gen.py} into a head, the helpers that find and generate such files, and
 * the real Prometheus the differential tests of promql and server compare against.
 */
package io.hearth.promql.testdata;
