package io.hearth.scrape.discovery;

import io.hearth.labels.Labels;
import java.util.List;

/**
 * A set of targets that share labels, as one discoverer reports it. {@code source} identifies the
 * group within its discoverer (a file and index, a pod, …): a later group with the same source
 * replaces it, and one with no targets removes it.
 *
 * @param targets each target's own labels; {@code __address__} at least
 * @param labels labels every target in the group gets unless it sets the name itself
 */
public record TargetGroup(String source, List<Labels> targets, Labels labels) {
  public TargetGroup {
    targets = List.copyOf(targets);
  }
}
