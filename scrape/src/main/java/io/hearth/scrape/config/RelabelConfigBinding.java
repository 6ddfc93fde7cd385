package io.hearth.scrape.config;

import io.hearth.labels.NameValidation;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.relabel.Action;
import io.hearth.scrape.relabel.RelabelConfig;
import io.hearth.scrape.relabel.RelabelRegex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The YAML of one relabel rule ({@code relabel_configs}, {@code metric_relabel_configs}, and
 * later {@code write_relabel_configs} and alert relabelling) and Prometheus's config-time checks
 * of it, with its error texts. Reading and checking are separate because the check needs the
 * name-validation scheme, which a scrape config only knows once the globals are applied.
 */
public final class RelabelConfigBinding {
  /** Legacy target labels may hold {@code $1}/{@code ${name}} references between name characters. */
  private static final Pattern LEGACY_TARGET_WITH_VARS =
      Pattern.compile("(?:(?:[a-zA-Z_]|\\$(?:\\{\\w+\\}|\\w+))+\\w*)+");

  private RelabelConfigBinding() {}

  /**
   * A rule as written, with defaults applied but not yet checked.
   *
   * @param action null when written as an explicit null, which the check rejects
   * @param sourceLabelsSet {@code source_labels} written with a non-null value (even {@code []})
   * @param regexSet {@code regex} written at all (even as its default text)
   */
  record Parsed(ConfigNode node, List<String> sourceLabels, boolean sourceLabelsSet,
      String separator, RelabelRegex regex, boolean regexSet, long modulus, String targetLabel,
      String replacement, Action action) {}

  /** Reads and checks one rule. */
  public static RelabelConfig bind(ConfigNode node, NameValidation scheme) {
    return validate(parse(node), scheme);
  }

  /** Reads and checks a list of rules; a null entry fails with {@code nullEntryMessage}. */
  public static List<RelabelConfig> bindAll(
      List<ConfigNode> nodes, NameValidation scheme, String nullEntryMessage) {
    List<RelabelConfig> out = new ArrayList<>(nodes.size());
    for (Parsed p : parseAll(nodes, nullEntryMessage)) {
      out.add(validate(p, scheme));
    }
    return out;
  }

  static List<Parsed> parseAll(List<ConfigNode> nodes, String nullEntryMessage) {
    List<Parsed> out = new ArrayList<>(nodes.size());
    for (ConfigNode n : nodes) {
      if (n.isNull()) {
        throw n.error(nullEntryMessage);
      }
      out.add(parse(n));
    }
    return out;
  }

  static Parsed parse(ConfigNode node) {
    ConfigMapping m = node.asMapping("relabel.Config");
    ConfigNode sl = m.get("source_labels");
    List<String> sourceLabels = new ArrayList<>();
    if (sl != null) {
      for (ConfigNode n : sl.asList()) {
        String name = n.asString();
        if (!LabelNames.isUtf8(name)) {
          throw n.error(GoQuote.quote(name) + " is not a valid label name");
        }
        sourceLabels.add(name);
      }
    }
    String separator = m.string("separator", ";");
    ConfigNode rn = m.get("regex");
    RelabelRegex regex = RelabelRegex.DEFAULT;
    if (rn != null) {
      String source = rn.asString();
      try {
        regex = RelabelRegex.compile(source);
      } catch (IllegalArgumentException e) {
        // RE2J words its syntax errors as Go does: error parsing regexp: <code>: `<expr>`.
        throw rn.error(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
      }
    }
    long modulus = m.uint("modulus", 0);
    String targetLabel = m.string("target_label", "");
    String replacement = m.string("replacement", "$1");
    ConfigNode an = m.get("action");
    Action action = Action.REPLACE;
    if (an != null) {
      action = an.isNull() ? null : action(an);
    }
    m.finish();
    return new Parsed(node, sourceLabels, sl != null && !sl.isNull(), separator, regex,
        rn != null, modulus, targetLabel, replacement, action);
  }

  private static Action action(ConfigNode n) {
    String s = n.asString();
    String lower = s.toLowerCase(Locale.ROOT);
    for (Action a : Action.values()) {
      if (a.name().toLowerCase(Locale.ROOT).equals(lower)) {
        return a;
      }
    }
    throw n.error("unknown relabel action " + GoQuote.quote(s));
  }

  static RelabelConfig validate(Parsed p, NameValidation scheme) {
    ConfigNode at = p.node();
    Action a = p.action();
    if (a == null) {
      throw at.error("relabel action cannot be empty");
    }
    String name = a.name().toLowerCase(Locale.ROOT);
    String target = p.targetLabel();
    if (p.modulus() == 0 && a == Action.HASHMOD) {
      throw at.error("relabel configuration for hashmod requires non-zero modulus");
    }
    boolean needsTarget = switch (a) {
      case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
      default -> false;
    };
    if (needsTarget && target.isEmpty()) {
      throw at.error("relabel configuration for " + name + " action requires 'target_label' value");
    }
    boolean targetHasVar = target.contains("$");
    if (a == Action.REPLACE && !targetHasVar && !LabelNames.isValid(target, scheme)) {
      throw invalid(at, target, "target_label", name);
    }
    if (a == Action.REPLACE && targetHasVar && !isValidWithVars(target, scheme)) {
      throw invalid(at, target, "target_label", name);
    }
    boolean caseOrEqual = switch (a) {
      case LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
      default -> false;
    };
    if (caseOrEqual && !LabelNames.isValid(target, scheme)) {
      throw invalid(at, target, "target_label", name);
    }
    if (caseOrEqual && !p.replacement().equals("$1")) {
      throw at.error("'replacement' can not be set for " + name + " action");
    }
    if (a == Action.LABELMAP && !isValidWithVars(p.replacement(), scheme)) {
      throw invalid(at, p.replacement(), "replacement", name);
    }
    if (a == Action.HASHMOD && !LabelNames.isValid(target, scheme)) {
      throw invalid(at, target, "target_label", name);
    }
    if ((a == Action.DROPEQUAL || a == Action.KEEPEQUAL)
        && (p.regexSet() || p.modulus() != 0 || !p.separator().equals(";")
            || !p.replacement().equals("$1"))) {
      throw at.error(
          name + " action requires only 'source_labels' and `target_label`, and no other fields");
    }
    if ((a == Action.LABELDROP || a == Action.LABELKEEP)
        && (p.sourceLabelsSet() || !target.isEmpty() || p.modulus() != 0
            || !p.separator().equals(";") || !p.replacement().equals("$1"))) {
      throw at.error(name + " action requires only 'regex', and no other fields");
    }
    return new RelabelConfig(p.sourceLabels(), p.separator(), p.regex(), p.modulus(), target,
        p.replacement(), a);
  }

  private static boolean isValidWithVars(String value, NameValidation scheme) {
    return scheme == NameValidation.UTF8
        ? LabelNames.isUtf8(value)
        : LEGACY_TARGET_WITH_VARS.matcher(value).matches();
  }

  private static ConfigException invalid(ConfigNode at, String value, String field, String action) {
    return at.error(GoQuote.quote(value) + " is invalid '" + field + "' for " + action + " action");
  }
}
