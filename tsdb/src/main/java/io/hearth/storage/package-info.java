/**
 * The seams between storage and its users: {@link io.hearth.storage.Appender} for writing,
 * {@link io.hearth.storage.Querier} for reading, and the primitive iterators in between.
 *
 * <p>The scraper, the PromQL engine and the HTTP API see only these types, never the head or
 * blocks behind them.
 */
package io.hearth.storage;
