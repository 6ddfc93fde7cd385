/**
 * Exposition parsers: Prometheus text 0.0.4 ({@link io.hearth.scrape.parse.PromTextParser}),
 * OpenMetrics 1.0 ({@link io.hearth.scrape.parse.OpenMetricsParser}) and the protobuf format
 * ({@link io.hearth.scrape.parse.ProtobufParser}), read straight from a scrape's response bytes,
 * and the content negotiation that picks one ({@link ExpositionFormats}). A parser is a pull
 * cursor ({@link ExpositionParser#next()}) whose accessors stay valid until the next call, so the
 * scrape loop can look the raw series bytes up in its cache and only parse labels on a miss.
 * Also the Go behaviours every scrape package shares: {@link GoQuote} ({@code strconv.Quote}),
 * {@link GoJson} ({@code encoding/json}'s syntax errors) and {@link FloatFormat}.
 */
package io.hearth.scrape.parse;
