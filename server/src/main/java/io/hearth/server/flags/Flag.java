package io.hearth.server.flags;

import java.util.List;

/**
 * One command-line flag as Prometheus 3.x declares it.
 *
 * @param name the long name without dashes, e.g. {@code query.timeout}
 * @param type how values are checked and printed
 * @param defaults the values it has when not given; empty for none (a duration then reads 0s)
 * @param placeholder what {@code --help} shows instead of the default, or null
 * @param help one line for {@code --help}
 * @param hidden Prometheus leaves it out of {@code --help} (it still parses and shows in the
 *     status API)
 * @param mode whether it belongs to server or agent mode only
 * @param options the allowed values of an {@link FlagType#ENUM}
 * @param lacking null when Hearth implements the flag, else the feature Hearth lacks, for the
 *     start-up warning ("Hearth does not implement {@code lacking} yet")
 */
public record Flag(
    String name,
    FlagType type,
    List<String> defaults,
    String placeholder,
    String help,
    boolean hidden,
    Mode mode,
    List<String> options,
    String lacking) {

  /** Prometheus refuses server-only flags with {@code --agent} and agent-only ones without. */
  public enum Mode { ANY, SERVER_ONLY, AGENT_ONLY }

  public Flag {
    defaults = List.copyOf(defaults);
    options = List.copyOf(options);
  }

  /** Whether Hearth acts on the flag. */
  public boolean isImplemented() {
    return lacking == null;
  }
}
