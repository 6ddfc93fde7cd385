/**
 * Relabeling with Prometheus's exact semantics: every action, fully anchored RE2 regexes, and Go's
 * {@code $1}/{@code ${name}} template expansion. Used for {@code relabel_configs} on targets and
 * {@code metric_relabel_configs} on samples (and later on remote write and alerts).
 */
package io.hearth.scrape.relabel;
