package io.hearth.scrape.differential;

import io.hearth.scrape.differential.PrometheusProcess.Version;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The written list of ways an older Prometheus (Debian ships 2.42) legitimately differs from the
 * 3.x that Hearth follows, each tied to the upstream change that caused it. Only these are
 * normalised, and only on the reference server's side, and only when its version predates the
 * change; anything else that differs is a Hearth bug. {@code docs/prometheus-differences.md}
 * explains each entry at length; keep the two in step.
 */
enum KnownDifference {
  /**
   * 2.43.0, prometheus/prometheus#12048: in 2.42 each relabel rule wrote its result into the label
   * slice it was given, and the first one was the target's discovered labels, so {@code
   * discoveredLabels} of an active target could show an intermediate relabeling result (Go's
   * spare slice capacity decides whether it does). 2.43 keeps the intermediate results in a
   * {@code labels.Builder}. Nothing can restore what 2.42 overwrote, so the discovered labels of
   * active targets in jobs with {@code relabel_configs} are left out of the comparison on both
   * sides. Dropped targets are compared: in this config each dropping rule comes before any rule
   * that changes labels, so nothing had been overwritten when they were dropped.
   */
  DISCOVERED_LABELS_OVERWRITTEN("2.43.0"),

  /**
   * 3.0.0, prometheus/prometheus#15164: the text and OpenMetrics parsers rewrite {@code le} of a
   * histogram's samples and {@code quantile} of a summary's to Prometheus's float form ("1" →
   * "1.0", "Inf" → "+Inf", "0.25" stays); older versions store the label text as exposed.
   */
  LE_QUANTILE_FLOAT_FORM("3.0.0"),

  /**
   * 3.3.0, commit 4be2243f (prometheus/prometheus): {@code /api/v1/targets} names the scrape pool
   * of dropped targets; before, only their discovered labels were listed. The pool is taken from
   * the discovered {@code job} label, which is the job name since no target here sets its own.
   */
  DROPPED_TARGET_SCRAPE_POOL("3.3.0"),

  /**
   * 3.13.0, prometheus/prometheus#18840 and #18929: every target's discovered labels carry the
   * per-target histogram switches {@code __convert_classic_histograms_to_nhcb__}, {@code
   * __always_scrape_classic_histograms__} and {@code __scrape_native_histograms__}, set from the
   * scrape config ("false" for all three here, as this config leaves them at their defaults).
   */
  HISTOGRAM_SWITCH_LABELS("3.13.0");

  /** The three labels of {@link #HISTOGRAM_SWITCH_LABELS}, at this config's (default) values. */
  static final Map<String, String> HISTOGRAM_SWITCHES =
      Map.of(
          "__convert_classic_histograms_to_nhcb__", "false",
          "__always_scrape_classic_histograms__", "false",
          "__scrape_native_histograms__", "false");

  /** Stands for discovered labels left out of the comparison. */
  private static final SortedMap<String, String> NOT_COMPARED =
      java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("(not compared)", "")));

  /** The first Prometheus release that behaves as Hearth does. */
  final Version since;

  KnownDifference(String since) {
    this.since = Version.parse(since);
  }

  /**
   * Rewrites what an older Prometheus showed into what the 3.x Hearth follows would show.
   *
   * @param idle receives each difference that applies to this version but changed nothing: a
   *     sign that the entry, or the config that should exercise it, has gone stale
   */
  static Observed normalise(Observed o, Context c, Set<KnownDifference> idle) {
    for (KnownDifference d : values()) {
      if (c.version.compareTo(d.since) < 0) {
        Observed before = o;
        o = d.apply(o, c);
        if (o.equals(before)) {
          idle.add(d);
        }
      }
    }
    return o;
  }

  /**
   * Hides from Hearth's answer what {@link #normalise} had to hide from the reference's: the
   * parts an older version reports wrongly and beyond repair.
   */
  static Observed mask(Observed o, Context c) {
    if (c.version.compareTo(DISCOVERED_LABELS_OVERWRITTEN.since) < 0) {
      o = DISCOVERED_LABELS_OVERWRITTEN.apply(o, c);
    }
    return o;
  }

  /**
   * What the normalisations need to know about the reference run.
   *
   * @param familyTypes metric family name to the types Prometheus's metadata API gives it
   * @param relabelingJobs the jobs that have {@code relabel_configs}
   */
  record Context(Version version, Map<String, Set<String>> familyTypes, Set<String> relabelingJobs) {}

  private Observed apply(Observed o, Context c) {
    Map<String, Set<String>> familyTypes = c.familyTypes;
    return switch (this) {
      case DISCOVERED_LABELS_OVERWRITTEN -> {
        Set<Observed.Active> active = new HashSet<>();
        for (Observed.Active a : o.active()) {
          boolean hidden = c.relabelingJobs.contains(a.pool());
          active.add(hidden ? new Observed.Active(a.pool(), a.url(), a.labels(), NOT_COMPARED, a.health()) : a);
        }
        yield new Observed(active, o.dropped(), o.series());
      }
      case LE_QUANTILE_FLOAT_FORM -> {
        Set<SortedMap<String, String>> series = new HashSet<>();
        for (SortedMap<String, String> s : o.series()) {
          series.add(floatForm(s, familyTypes));
        }
        yield new Observed(o.active(), o.dropped(), series);
      }
      case DROPPED_TARGET_SCRAPE_POOL -> {
        Set<Observed.Dropped> dropped = new HashSet<>();
        for (Observed.Dropped d : o.dropped()) {
          dropped.add(new Observed.Dropped(d.discovered().get("job"), d.discovered()));
        }
        yield new Observed(o.active(), dropped, o.series());
      }
      case HISTOGRAM_SWITCH_LABELS -> {
        Set<Observed.Active> active = new HashSet<>();
        for (Observed.Active a : o.active()) {
          active.add(
              new Observed.Active(a.pool(), a.url(), a.labels(), withSwitches(a.discovered()), a.health()));
        }
        Set<Observed.Dropped> dropped = new HashSet<>();
        for (Observed.Dropped d : o.dropped()) {
          dropped.add(new Observed.Dropped(d.pool(), withSwitches(d.discovered())));
        }
        yield new Observed(active, dropped, o.series());
      }
    };
  }

  private static SortedMap<String, String> withSwitches(SortedMap<String, String> discovered) {
    if (discovered == NOT_COMPARED) {
      return discovered;
    }
    SortedMap<String, String> out = new TreeMap<>(discovered);
    HISTOGRAM_SWITCHES.forEach(out::putIfAbsent);
    return out;
  }

  /** 3.x's parse-time rewrite of {@code le} (histograms) and {@code quantile} (summaries). */
  static SortedMap<String, String> floatForm(
      SortedMap<String, String> series, Map<String, Set<String>> familyTypes) {
    String name = series.getOrDefault("__name__", "");
    SortedMap<String, String> out = new TreeMap<>(series);
    String le = series.get("le");
    if (le != null
        && name.endsWith("_bucket")
        && familyTypes
            .getOrDefault(name.substring(0, name.length() - "_bucket".length()), Set.of())
            .contains("histogram")) {
      out.put("le", openMetricsFloat(le));
    }
    String quantile = series.get("quantile");
    if (quantile != null && familyTypes.getOrDefault(name, Set.of()).contains("summary")) {
      out.put("quantile", openMetricsFloat(quantile));
    }
    return out;
  }

  /**
   * Go's {@code labels.FormatOpenMetricsFloat(strconv.ParseFloat(s))}, leaving {@code s} as it is
   * when it is not a float: shortest {@code 'g'} formatting with ".0" added to integers.
   */
  static String openMetricsFloat(String s) {
    Double f = goParseFloat(s);
    if (f == null) {
      return s;
    }
    double v = f;
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == 0) {
      return "0.0";
    }
    String g = goShortestG(v);
    return g.contains(".") || g.contains("e") ? g : g + ".0";
  }

  private static Double goParseFloat(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
    if (List.of("inf", "infinity").contains(unsigned)) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (lower.equals("nan")) {
      return Double.NaN;
    }
    // Decimal forms only: the fixtures hold no hex floats or underscores.
    if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
      return null;
    }
    return Double.parseDouble(s);
  }

  /** {@code strconv.FormatFloat(v, 'g', -1, 64)} for finite non-zero {@code v}. */
  private static String goShortestG(double v) {
    // Double.toString gives the shortest round-tripping digits (JDK 19+), as Go's shortest does.
    BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
    String digits = d.unscaledValue().toString();
    int exp = digits.length() - 1 - d.scale();
    StringBuilder b = new StringBuilder(v < 0 ? "-" : "");
    if (exp < -4 || exp >= 6) {
      b.append(digits.charAt(0));
      if (digits.length() > 1) {
        b.append('.').append(digits, 1, digits.length());
      }
      b.append('e').append(exp < 0 ? '-' : '+');
      int e = Math.abs(exp);
      b.append(e < 10 ? "0" : "").append(e);
    } else if (exp < 0) {
      b.append("0.").append("0".repeat(-exp - 1)).append(digits);
    } else if (digits.length() <= exp + 1) {
      b.append(digits).append("0".repeat(exp + 1 - digits.length()));
    } else {
      b.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
    }
    return b.toString();
  }
}
