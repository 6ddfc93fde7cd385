package io.hearth.scrape.parse;

/** Float renderings that must match Prometheus's byte for byte. */
public final class FloatFormat {
  private FloatFormat() {}

  /**
   * Prometheus's {@code labels.FormatOpenMetricsFloat}: Go's shortest {@code %g}, with ".0" added
   * when that has neither a dot nor an exponent. So {@code 1} is "1.0", {@code 0.5} "0.5",
   * {@code 1e-05} "1e-05", {@code 1e6} "1e+06", infinities "+Inf"/"-Inf", NaN "NaN".
   */
  public static String openMetrics(double f) {
    if (f == 1) {
      return "1.0";
    } else if (f == 0) {
      return "0.0";
    } else if (f == -1) {
      return "-1.0";
    } else if (Double.isNaN(f)) {
      return "NaN";
    } else if (f == Double.POSITIVE_INFINITY) {
      return "+Inf";
    } else if (f == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    String g = goShortestG(f);
    if (g.indexOf('e') >= 0 || g.indexOf('.') >= 0) {
      return g;
    }
    return g + ".0";
  }

  /**
   * Go's {@code strconv.FormatFloat(f, 'g', -1, 64)} for a finite non-zero f. Java's {@link
   * Double#toString} yields the same shortest digits (JDK 19+); only the layout differs.
   */
  static String goShortestG(double f) {
    String js = Double.toString(Math.abs(f));
    int ePos = js.indexOf('E');
    String mant = ePos < 0 ? js : js.substring(0, ePos);
    int jexp = ePos < 0 ? 0 : Integer.parseInt(js.substring(ePos + 1));
    int dot = mant.indexOf('.');
    StringBuilder digits = new StringBuilder(mant.length());
    digits.append(mant, 0, dot).append(mant, dot + 1, mant.length());
    int dp = dot + jexp; // decimal point position relative to the digit string
    int lead = 0;
    while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
      lead++;
    }
    digits.delete(0, lead);
    dp -= lead;
    int end = digits.length();
    while (end > 1 && digits.charAt(end - 1) == '0') {
      end--;
    }
    digits.setLength(end);
    int nd = digits.length();
    int exp = dp - 1;
    if (nd == 2) {
      // Java never prints fewer than two digits, Go does: 4.9e-324 is Go's 5e-324.
      // Of the one-digit candidates, Go takes the one closest to the exact value.
      int d0 = digits.charAt(0) - '0';
      int near = digits.charAt(1) >= '5' ? d0 + 1 : d0;
      for (int d : new int[] {near, near == d0 ? d0 + 1 : d0}) {
        String one = d == 10 ? "1E" + (exp + 1) : d + "E" + exp;
        if (d > 0 && Double.parseDouble(one) == Math.abs(f)) {
          digits.setLength(0);
          digits.append(d == 10 ? 1 : d);
          exp = d == 10 ? exp + 1 : exp;
          dp = exp + 1;
          nd = 1;
          break;
        }
      }
    }
    StringBuilder out = new StringBuilder(nd + 8);
    if (f < 0) {
      out.append('-');
    }
    if (exp < -4 || exp >= 6) { // shortest %g switches to an exponent at precision 6
      out.append(digits.charAt(0));
      if (nd > 1) {
        out.append('.').append(digits, 1, nd);
      }
      out.append('e').append(exp < 0 ? '-' : '+');
      int ae = Math.abs(exp);
      if (ae < 10) {
        out.append('0');
      }
      return out.append(ae).toString();
    }
    if (dp <= 0) {
      out.append("0.");
      for (int k = dp; k < 0; k++) {
        out.append('0');
      }
      return out.append(digits).toString();
    }
    if (dp >= nd) {
      out.append(digits);
      for (int k = nd; k < dp; k++) {
        out.append('0');
      }
      return out.toString();
    }
    return out.append(digits, 0, dp).append('.').append(digits, dp, nd).toString();
  }
}
