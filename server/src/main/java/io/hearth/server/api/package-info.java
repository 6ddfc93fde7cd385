/**
 * The HTTP API's resources, one class per resource ({@link io.hearth.server.api.QueryApi}, ...),
 * with Prometheus's parameter parsing ({@link io.hearth.server.api.ApiParams}), error types and
 * status codes ({@link io.hearth.server.api.ErrorType}) and JSON encoding ({@link
 * io.hearth.server.api.JsonWriter}), byte for byte what Prometheus answers.
 */
package io.hearth.server.api;
