package io.hearth.server.http;

/**
 * What a route does with a request. Called on the connection's event loop, so it must not block:
 * a handler with slow work (a query, a metrics collection) hands it to an executor and answers
 * through the {@link Responder} from there.
 */
@FunctionalInterface
public interface Handler {
  void handle(Request request, Responder responder) throws Exception;
}
