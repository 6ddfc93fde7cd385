package io.hearth.server.api;

import io.hearth.server.http.Readiness;
import io.hearth.server.http.Request;
import io.hearth.server.http.Responder;
import io.hearth.server.http.Router;
import io.netty.handler.codec.http.HttpMethod;

/**
 * {@code /-/healthy} and {@code /-/ready}. The bodies are Prometheus's own, "Prometheus Server is
 * Healthy." and "...Ready.", on purpose: health checks written for Prometheus (Kubernetes probes,
 * load balancers matching the body) must keep passing when Hearth replaces it. Ready answers 503
 * until the TSDB is open and again once shutdown begins. Stateless.
 */
public final class HealthApi {
  static final String HEALTHY = "Prometheus Server is Healthy.\n";
  static final String READY = "Prometheus Server is Ready.\n";

  private HealthApi() {}

  public static void register(Router router, Readiness readiness) {
    router.add(HttpMethod.GET, "/-/healthy", HealthApi::healthy);
    router.add(HttpMethod.HEAD, "/-/healthy", HealthApi::healthy);
    router.add(HttpMethod.GET, "/-/ready", readiness.gate(HealthApi::ready));
    router.add(HttpMethod.HEAD, "/-/ready", readiness.gate(HealthApi::ready));
  }

  private static void healthy(Request req, Responder res) {
    res.sendText(200, HEALTHY);
  }

  private static void ready(Request req, Responder res) {
    res.sendText(200, READY);
  }
}
