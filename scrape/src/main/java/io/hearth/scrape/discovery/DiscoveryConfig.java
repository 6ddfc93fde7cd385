package io.hearth.scrape.discovery;

/**
 * One entry of a scrape config's service discovery ({@code static_configs}, {@code
 * file_sd_configs}, …). Implementations are immutable records; equal configs make equal
 * discoverers, which is how a reload tells what changed.
 */
public interface DiscoveryConfig {
  /** The YAML key the entry came from, e.g. {@code "file_sd_configs"}; used in logs and errors. */
  String key();

  Discoverer newDiscoverer();
}
