package io.hearth.scrape.relabel;

import com.google.re2j.Matcher;
import io.hearth.labels.Labels;
import io.hearth.labels.LabelsBuilder;
import io.hearth.labels.NameValidation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Applies relabel rules to a label set with Prometheus's runtime semantics ({@code
 * model/relabel/relabel.go}): rules run in order, each on the result of the one before, and the
 * first rule that drops ends processing with the whole set dropped. Rules are assumed to have
 * passed config validation; nothing here rejects a rule.
 *
 * <p>Stateless and thread-safe. The name-validation scheme is the one the rules were validated
 * under; it only matters for {@code replace}, whose expanded {@code target_label} is silently
 * skipped when it is not a valid label name.
 */
public final class Relabeler {
  private Relabeler() {}

  /**
   * Relabels {@code in}. Returns {@code in} itself when there are no rules, {@code null} when a rule
   * drops the set, and otherwise the relabelled set (which may be empty).
   */
  public static Labels process(Labels in, List<RelabelConfig> rules, NameValidation scheme) {
    if (rules.isEmpty()) {
      return in;
    }
    LabelsBuilder b = in.toBuilder();
    return process(b, rules, scheme) ? b.build() : null;
  }

  /** Relabels the builder in place. Returns false when a rule drops the set (the builder is then partly changed). */
  public static boolean process(LabelsBuilder b, List<RelabelConfig> rules, NameValidation scheme) {
    NameValidation s = scheme == null ? NameValidation.UTF8 : scheme;
    for (int i = 0, n = rules.size(); i < n; i++) {
      if (!apply(rules.get(i), b, s)) {
        return false;
      }
    }
    return true;
  }

  private static boolean apply(RelabelConfig rule, LabelsBuilder b, NameValidation scheme) {
    String val = sourceValue(rule, b);
    switch (rule.action()) {
      case DROP -> {
        return !matches(rule.regex(), val);
      }
      case KEEP -> {
        return matches(rule.regex(), val);
      }
      case DROPEQUAL -> {
        return !b.get(rule.targetLabel()).equals(val);
      }
      case KEEPEQUAL -> {
        return b.get(rule.targetLabel()).equals(val);
      }
      case REPLACE -> replace(rule, b, val, scheme);
      case LOWERCASE -> b.set(rule.targetLabel(), lowerCase(val));
      case UPPERCASE -> b.set(rule.targetLabel(), upperCase(val));
      case HASHMOD -> b.set(rule.targetLabel(), Long.toUnsignedString(hashMod(val, rule.modulus())));
      case LABELMAP -> labelMap(rule, b);
      case LABELDROP -> keepOrDropNames(rule.regex(), b, false);
      case LABELKEEP -> keepOrDropNames(rule.regex(), b, true);
    }
    return true;
  }

  /** The source labels' values joined by the separator; a missing label reads as "". */
  private static String sourceValue(RelabelConfig rule, LabelsBuilder b) {
    List<String> sources = rule.sourceLabels();
    return switch (sources.size()) {
      case 0 -> "";
      case 1 -> b.get(sources.get(0));
      default -> {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
          if (i > 0) {
            sb.append(rule.separator());
          }
          sb.append(b.get(sources.get(i)));
        }
        yield sb.toString();
      }
    };
  }

  private static boolean matches(RelabelRegex regex, String s) {
    return regex.pattern().matcher(s).find();
  }

  private static void replace(RelabelConfig rule, LabelsBuilder b, String val, NameValidation scheme) {
    String target = rule.targetLabel();
    String replacement = rule.replacement();
    // Upstream's shortcut for "set a constant label"; it gives the same result as the general path.
    if (val.isEmpty()
        && rule.regex().equals(RelabelRegex.DEFAULT)
        && target.indexOf('$') < 0
        && replacement.indexOf('$') < 0) {
      b.set(target, replacement);
      return;
    }
    Matcher m = rule.regex().pattern().matcher(val);
    if (!m.find()) {
      return; // no match, no change
    }
    String name = GoTemplate.expand(target, m);
    if (!scheme.isValidLabelName(name)) {
      return;
    }
    b.set(name, GoTemplate.expand(replacement, m)); // "" deletes
  }

  private static void labelMap(RelabelConfig rule, LabelsBuilder b) {
    // Iterate a snapshot, so labels this rule creates are not mapped again.
    Labels snapshot = b.build();
    for (int i = 0, n = snapshot.size(); i < n; i++) {
      String name = snapshot.name(i);
      Matcher m = rule.regex().pattern().matcher(name);
      if (m.find()) {
        // The regex is anchored at both ends, so Go's ReplaceAllString makes exactly one replacement
        // covering the whole name: the expanded template.
        String mapped = GoTemplate.expand(rule.replacement(), m);
        // Upstream would create a label with an empty name here; a label set cannot hold one.
        if (!mapped.isEmpty()) {
          b.set(mapped, snapshot.value(i));
        }
      }
    }
  }

  private static void keepOrDropNames(RelabelRegex regex, LabelsBuilder b, boolean keepMatching) {
    Labels snapshot = b.build();
    for (int i = 0, n = snapshot.size(); i < n; i++) {
      String name = snapshot.name(i);
      if (matches(regex, name) != keepMatching) {
        b.delete(name);
      }
    }
  }

  /**
   * MD5 of the UTF-8 bytes; bytes 8..15 read as a big-endian unsigned 64-bit integer, modulo
   * {@code modulus} (also unsigned), as Prometheus computes {@code hashmod}.
   */
  static long hashMod(String val, long modulus) {
    byte[] sum = md5().digest(val.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 8; i < 16; i++) {
      h = (h << 8) | (sum[i] & 0xFF);
    }
    return Long.remainderUnsigned(h, modulus);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides MD5", e);
    }
  }

  /** Go's {@code strings.ToLower}: simple per-code-point mapping, independent of locale. */
  static String lowerCase(String s) {
    StringBuilder sb = null;
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      int lower = Character.toLowerCase(cp);
      if (lower != cp && sb == null) {
        sb = new StringBuilder(n).append(s, 0, i);
      }
      if (sb != null) {
        sb.appendCodePoint(lower);
      }
      i += Character.charCount(cp);
    }
    return sb == null ? s : sb.toString();
  }

  /** Go's {@code strings.ToUpper}: simple per-code-point mapping, so {@code ß} stays {@code ß}. */
  static String upperCase(String s) {
    StringBuilder sb = null;
    for (int i = 0, n = s.length(); i < n; ) {
      int cp = s.codePointAt(i);
      int upper = Character.toUpperCase(cp);
      if (upper != cp && sb == null) {
        sb = new StringBuilder(n).append(s, 0, i);
      }
      if (sb != null) {
        sb.appendCodePoint(upper);
      }
      i += Character.charCount(cp);
    }
    return sb == null ? s : sb.toString();
  }
}
