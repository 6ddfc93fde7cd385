package io.hearth.scrape.config;

import io.hearth.labels.NameEscaping;
import io.hearth.labels.NameValidation;
import io.hearth.scrape.parse.GoQuote;
import io.hearth.scrape.parse.ScrapeProtocol;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Field readers shared by the global and per-job sections: scrape protocols, name validation and
 * escaping schemes, and the native-histogram switches Hearth must refuse.
 */
final class Schemes {
  private static final String ESCAPING_CHOICES =
      "must be one of 'allow-utf-8', 'underscores', 'dots', or 'values'";

  private Schemes() {}

  /** {@code metric_name_validation_scheme}; null when absent, null or "". */
  static NameValidation validation(ConfigNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    return switch (n.asString()) {
      case "" -> null;
      case "utf8" -> NameValidation.UTF8;
      case "legacy" -> NameValidation.LEGACY;
      default -> throw n.error("unrecognized ValidationScheme: " + GoQuote.quote(n.asString()));
    };
  }

  /** The escaping scheme for its header value, or null if there is none by that name. */
  static NameEscaping escaping(String s) {
    for (NameEscaping e : NameEscaping.values()) {
      if (e.headerValue().equals(s)) {
        return e;
      }
    }
    return null;
  }

  /** The global escaping scheme: as written, or derived from the validation scheme. */
  static NameEscaping globalEscaping(ConfigNode n, NameValidation validation) {
    String s = n == null ? "" : n.asString();
    if (s.isEmpty()) {
      return validation == NameValidation.LEGACY ? NameEscaping.UNDERSCORES : NameEscaping.ALLOW_UTF8;
    }
    NameEscaping e = escaping(s);
    if (e == null) {
      // Prometheus finds this when it applies the globals to the first job.
      throw n.error("unknown global name escaping method specified, " + ESCAPING_CHOICES
          + ", got " + GoQuote.quote(s));
    }
    return e;
  }

  /** A job's escaping scheme, following Prometheus's inheritance rules. */
  static NameEscaping jobEscaping(ConfigNode n, NameValidation local, GlobalConfig global,
      NameValidation effective, ConfigNode at) {
    String s = n == null ? "" : n.asString();
    NameEscaping e;
    if (s.isEmpty()) {
      if (local == null) {
        e = global.nameEscaping();
      } else {
        e = local == NameValidation.LEGACY ? NameEscaping.UNDERSCORES : NameEscaping.ALLOW_UTF8;
      }
    } else {
      e = escaping(s);
      if (e == null) {
        throw n.error("unknown scrape config name escaping method specified, " + ESCAPING_CHOICES
            + ", got " + GoQuote.quote(s));
      }
    }
    if (e == NameEscaping.ALLOW_UTF8 && effective != NameValidation.UTF8) {
      throw (n != null ? n : at)
          .error("utf8 metric names requested but validation scheme is not set to UTF8");
    }
    return e;
  }

  /**
   * A {@code scrape_protocols} list, checked in order for duplicates (ignoring case) and unknown
   * names; {@code suffix} names the section as Prometheus does (" for global config").
   */
  static List<ScrapeProtocol> protocols(ConfigNode n, String suffix) {
    List<ConfigNode> items = n.asList();
    if (items.isEmpty()) {
      throw n.error("scrape_protocols cannot be empty" + suffix);
    }
    List<String> names = new ArrayList<>();
    for (ConfigNode item : items) {
      names.add(item.asString());
    }
    Set<String> seen = new HashSet<>();
    List<ScrapeProtocol> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (seen.contains(name.toLowerCase(Locale.ROOT))) {
        throw items.get(i).error("duplicated protocol in scrape_protocols, got "
            + goList(names) + suffix);
      }
      ScrapeProtocol p = protocol(name);
      if (p == null) {
        throw items.get(i).error("scrape_protocols: " + unknownProtocol(name) + suffix);
      }
      seen.add(name.toLowerCase(Locale.ROOT));
      out.add(p);
    }
    return out;
  }

  static ScrapeProtocol protocol(String name) {
    for (ScrapeProtocol p : ScrapeProtocol.values()) {
      if (p.configName().equals(name)) {
        return p;
      }
    }
    return null;
  }

  static String unknownProtocol(String name) {
    Set<String> supported = new TreeSet<>();
    for (ScrapeProtocol p : ScrapeProtocol.values()) {
      supported.add(p.configName());
    }
    return "unknown scrape protocol " + name + ", supported: " + goList(new ArrayList<>(supported));
  }

  /** Go's {@code %v} of a string slice: {@code [a b c]}. */
  static String goList(List<String> items) {
    return "[" + String.join(" ", items) + "]";
  }

  /** Hearth stores no native histograms, so a switch that would make them must not pass. */
  static void rejectNativeHistograms(ConfigMapping m) {
    ConfigNode native_ = m.get("scrape_native_histograms");
    if (native_ != null && native_.asBool()) {
      throw native_.error("native histograms are not supported by Hearth");
    }
    ConfigNode nhcb = m.get("convert_classic_histograms_to_nhcb");
    if (nhcb != null && nhcb.asBool()) {
      throw nhcb.error(
          "converting classic histograms to native histograms is not supported by Hearth");
    }
  }
}
