/**
 * Reading series through the index: {@link io.hearth.tsdb.query.PostingsForMatchers} turns PromQL
 * label matchers into postings with Prometheus's semantics, and answers label names and values
 * under matchers. Block and merge queriers build on it.
 */
package io.hearth.tsdb.query;
