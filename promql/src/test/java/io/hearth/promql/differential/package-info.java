/**
 * The differential test: the same OpenMetrics dataset loaded into Hearth's head and into a real
 * Prometheus (Debian's 2.42, fed by promtool), the same few hundred queries run through both, and
 * every difference in series, timestamps or values reported with its query.
 */
package io.hearth.promql.differential;
