/**
 * Hearth's self-monitoring: its own metrics under Prometheus's names, types, help texts and labels
 * where the meaning is the same, so dashboards built for Prometheus work on Hearth. Values the
 * storage and scraper already count are read when {@code /metrics} is scraped; see {@code
 * docs/self-metrics.md} for what is exposed and what is left out.
 */
package io.hearth.server.metrics;
