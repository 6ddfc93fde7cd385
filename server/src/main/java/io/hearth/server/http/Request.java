package io.hearth.server.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoded HTTP request: method, path, headers and form values. Form values follow Go's {@code
 * r.FormValue}: a form POST (or PUT, PATCH) body's values come before the URL query's. Immutable
 * once built; safe to hand to another thread.
 */
public final class Request {
  private final HttpMethod method;
  private final String path;
  private final HttpHeaders headers;
  private final Map<String, List<String>> form;
  private final long receivedNanos;
  private final Map<String, String> pathParams;

  Request(HttpMethod method, String path, HttpHeaders headers, Map<String, List<String>> form,
      long receivedNanos, Map<String, String> pathParams) {
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.form = form;
    this.receivedNanos = receivedNanos;
    this.pathParams = pathParams;
  }

  /** A request built from parts, for tests and for handlers that call each other. */
  public static Request of(HttpMethod method, String path, HttpHeaders headers, String query, String body) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    FormDecoder.decode(body, form);
    FormDecoder.decode(query, form);
    return new Request(method, path, headers, form, System.nanoTime(), Map.of());
  }

  /** The same request with the path parameters a pattern route captured. */
  public Request withPathParams(Map<String, String> params) {
    return new Request(method, path, headers, form, receivedNanos, params);
  }

  /** The decoded path segment a {@code :name} route pattern captured, or "" if none. */
  public String pathParam(String name) {
    return pathParams.getOrDefault(name, "");
  }

  public HttpMethod method() {
    return method;
  }

  /** The decoded path, without the query. */
  public String path() {
    return path;
  }

  public HttpHeaders headers() {
    return headers;
  }

  /** The first value of form field {@code name}, or "" (Go's {@code FormValue}). */
  public String formValue(String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? "" : v.getFirst();
  }

  /** Every value of form field {@code name}, body values first. */
  public List<String> formValues(String name) {
    return form.getOrDefault(name, List.of());
  }

  /** {@link System#nanoTime()} when the request was decoded. */
  public long receivedNanos() {
    return receivedNanos;
  }
}
