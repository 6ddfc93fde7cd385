/**
 * The scrape side of {@code prometheus.yml} as immutable records with Prometheus's defaults
 * applied, and the YAML binding that builds them: unknown fields and bad values are rejected with
 * the file, line and field path, never ignored.
 */
package io.hearth.scrape.config;
