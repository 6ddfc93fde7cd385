/**
 * Service discovery: a {@link io.hearth.scrape.discovery.Discoverer} per configured mechanism
 * reports {@link io.hearth.scrape.discovery.TargetGroup}s, and the
 * {@code DiscoveryManager} merges them per scrape job for the scrape manager. Static and file
 * discovery live here; Kubernetes plugs in through {@link io.hearth.scrape.discovery.DiscoveryConfig}.
 */
package io.hearth.scrape.discovery;
