package io.hearth.scrape.config;

import io.hearth.scrape.relabel.RelabelConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code remote_write} and {@code remote_read} entries as Prometheus 3.x reads them, defaults
 * applied and checks passed. Hearth does not send or read remotely yet (issue 7): a config that
 * has any entry is refused after these are read, so that a mistake in one is reported precisely
 * first.
 */
public final class RemoteConfigs {
  private RemoteConfigs() {}

  /** One {@code remote_write} entry. */
  public record Write(
      URI url,
      Duration remoteTimeout,
      Map<String, String> headers,
      List<RelabelConfig> writeRelabelConfigs,
      String name,
      boolean sendExemplars,
      boolean sendNativeHistograms,
      boolean roundRobinDns,
      String protobufMessage,
      HttpClientConfig http,
      Queue queue,
      Metadata metadata) {
    public Write {
      headers = Map.copyOf(headers);
      writeRelabelConfigs = List.copyOf(writeRelabelConfigs);
    }
  }

  /** {@code queue_config}, with Prometheus's defaults. */
  public record Queue(long capacity, long maxShards, long minShards, long maxSamplesPerSend,
      Duration batchSendDeadline, Duration minBackoff, Duration maxBackoff, boolean retryOnHttp429,
      Duration sampleAgeLimit) {
    public static final Queue DEFAULT = new Queue(10_000, 50, 1, 2000, Duration.ofSeconds(5),
        Duration.ofMillis(30), Duration.ofSeconds(5), false, Duration.ZERO);
  }

  /** {@code metadata_config}, with Prometheus's defaults. */
  public record Metadata(boolean send, Duration sendInterval, long maxSamplesPerSend) {
    public static final Metadata DEFAULT = new Metadata(true, Duration.ofMinutes(1), 2000);
  }

  /** One {@code remote_read} entry. */
  public record Read(
      URI url,
      Duration remoteTimeout,
      long chunkedReadLimit,
      Map<String, String> headers,
      boolean readRecent,
      String name,
      HttpClientConfig http,
      Map<String, String> requiredMatchers,
      boolean filterExternalLabels) {
    public Read {
      headers = Map.copyOf(headers);
      requiredMatchers = Map.copyOf(requiredMatchers);
    }
  }
}
