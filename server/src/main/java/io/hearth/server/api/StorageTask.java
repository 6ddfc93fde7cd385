package io.hearth.server.api;

import io.hearth.server.http.Responder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs an endpoint's storage work on the query executor, never on the event loop, answering an
 * {@link ApiException} with its error envelope and anything unexpected as {@code internal}, as
 * Prometheus's API wrapper does. Shared by the metadata endpoints (series, labels, values).
 */
final class StorageTask {
  /** The body of a task: reads storage and answers through the responder. */
  @FunctionalInterface
  interface Body {
    void run(Responder res);
  }

  private StorageTask() {}

  static void submit(Executor executor, Responder res, Body body) {
    try {
      executor.execute(() -> {
        if (res.isClientGone()) {
          return;
        }
        try {
          body.run(res);
        } catch (ApiException e) {
          JsonWriter.sendError(res, e.type(), e.getMessage());
        } catch (RuntimeException e) {
          try {
            JsonWriter.sendError(res, ErrorType.INTERNAL, "unexpected error: " + e);
          } catch (IllegalStateException alreadyAnswered) {
            // the answer had started streaming; the stream was aborted
          }
        }
      });
    } catch (RejectedExecutionException e) {
      JsonWriter.sendError(res, ErrorType.UNAVAILABLE, "too many queries waiting to run");
    }
  }
}
