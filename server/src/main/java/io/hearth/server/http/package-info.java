/**
 * Netty glue only: {@link io.hearth.server.http.HttpServer} binds the listener, {@link
 * io.hearth.server.http.PipelineInitializer} composes small handlers (codec, keep-alive, gzip,
 * body limit, dispatch), {@link io.hearth.server.http.Router} holds the one route table. What a
 * route answers lives in {@code io.hearth.server.api}.
 */
package io.hearth.server.http;
