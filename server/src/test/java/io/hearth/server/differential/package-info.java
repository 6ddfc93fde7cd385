/**
 * Hearth's HTTP API against Debian's real Prometheus on the same data: the same query and
 * query_range requests sent to both, the JSON bodies and status codes compared after normalising
 * what Prometheus itself leaves unordered.
 */
package io.hearth.server.differential;
