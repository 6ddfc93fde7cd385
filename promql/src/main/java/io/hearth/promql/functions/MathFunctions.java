package io.hearth.promql.functions;

import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * PromQL's elementwise float functions: the one-argument ones ({@link #byName}), round and the
 * clamps. Stateless and allocation-free. Transcendental functions use {@link StrictMath} so
 * results are the same on every JVM; they can differ from Go's in the last bit, far inside the
 * 1e-6 relative tolerance of Prometheus's tests. Functions Go computes specially (log2 of powers
 * of two, log10, the inverse hyperbolics, sgn) follow Go's definitions.
 */
public final class MathFunctions {
  private static final double INV_LN2 = 1.44269504088896340735992468100189214; // 1 / ln 2
  private static final double INV_LN10 = 0.43429448190325182765112891891660508; // 1 / ln 10
  private static final double LN2 = 0.693147180559945309417232121458176568;
  private static final double NEAR_ZERO = 1.0 / (1 << 28);
  private static final double LARGE = 1 << 28;

  private static final Map<String, DoubleUnaryOperator> BY_NAME =
      Map.ofEntries(
          Map.entry("abs", Math::abs),
          Map.entry("ceil", Math::ceil),
          Map.entry("floor", Math::floor),
          Map.entry("exp", StrictMath::exp),
          Map.entry("sqrt", Math::sqrt),
          Map.entry("ln", StrictMath::log),
          Map.entry("log2", MathFunctions::log2),
          Map.entry("log10", MathFunctions::log10),
          Map.entry("sgn", MathFunctions::sgn),
          Map.entry("deg", MathFunctions::deg),
          Map.entry("rad", MathFunctions::rad),
          Map.entry("sin", StrictMath::sin),
          Map.entry("cos", StrictMath::cos),
          Map.entry("tan", StrictMath::tan),
          Map.entry("asin", StrictMath::asin),
          Map.entry("acos", StrictMath::acos),
          Map.entry("atan", StrictMath::atan),
          Map.entry("sinh", StrictMath::sinh),
          Map.entry("cosh", StrictMath::cosh),
          Map.entry("tanh", StrictMath::tanh),
          Map.entry("asinh", MathFunctions::asinh),
          Map.entry("acosh", MathFunctions::acosh),
          Map.entry("atanh", MathFunctions::atanh));

  private MathFunctions() {}

  /**
   * The one-argument function named {@code name} (abs, ceil, floor, exp, sqrt, ln, log2, log10,
   * sgn, deg, rad and the twelve trigonometric and hyperbolic functions), or null.
   */
  public static DoubleUnaryOperator byName(String name) {
    return BY_NAME.get(name);
  }

  /** -1 for negatives, 1 for positives; zero (keeping its sign) and NaN unchanged. */
  public static double sgn(double v) {
    if (v < 0) {
      return -1;
    }
    if (v > 0) {
      return 1;
    }
    return v;
  }

  /** Radians to degrees, as {@code v * 180 / π}. */
  public static double deg(double v) {
    return v * 180 / Math.PI;
  }

  /** Degrees to radians, as {@code v * π / 180}. */
  public static double rad(double v) {
    return v * Math.PI / 180;
  }

  /**
   * Base-2 logarithm, exact for powers of two: split into mantissa in [0.5, 1) and exponent, then
   * {@code ln(mantissa) / ln 2 + exponent}.
   */
  public static double log2(double v) {
    if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
      return StrictMath.log(v) * INV_LN2;
    }
    int exp = Math.getExponent(v);
    double frac;
    if (exp == Double.MIN_EXPONENT - 1) {
      // Subnormal: normalise first.
      double scaled = v * 0x1p52;
      exp = Math.getExponent(scaled) - 52;
      frac = Math.scalb(scaled, -(Math.getExponent(scaled) + 1));
    } else {
      frac = Math.scalb(v, -(exp + 1));
    }
    exp += 1;
    if (frac == 0.5) {
      return exp - 1;
    }
    return StrictMath.log(frac) * INV_LN2 + exp;
  }

  /** Base-10 logarithm as {@code ln(v) * (1 / ln 10)}. */
  public static double log10(double v) {
    return StrictMath.log(v) * INV_LN10;
  }

  /** Inverse hyperbolic sine (fdlibm's method); ±Inf and NaN unchanged. */
  public static double asinh(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    boolean negative = x < 0;
    double a = Math.abs(x);
    double r;
    if (a > LARGE) {
      r = StrictMath.log(a) + LN2;
    } else if (a > 2) {
      r = StrictMath.log(2 * a + 1 / (Math.sqrt(a * a + 1) + a));
    } else if (a < NEAR_ZERO) {
      r = a;
    } else {
      r = StrictMath.log1p(a + a * a / (1 + Math.sqrt(1 + a * a)));
    }
    return negative ? -r : r;
  }

  /** Inverse hyperbolic cosine (fdlibm's method); NaN below 1. */
  public static double acosh(double x) {
    if (x < 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 1) {
      return 0;
    }
    if (x >= LARGE) {
      return StrictMath.log(x) + LN2;
    }
    if (x > 2) {
      return StrictMath.log(2 * x - 1 / (x + Math.sqrt(x * x - 1)));
    }
    double t = x - 1;
    return StrictMath.log1p(t + Math.sqrt(2 * t + t * t));
  }

  /** Inverse hyperbolic tangent (fdlibm's method); ±Inf at ±1, NaN outside [-1, 1]. */
  public static double atanh(double x) {
    if (x < -1 || x > 1 || Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x == 1) {
      return Double.POSITIVE_INFINITY;
    }
    if (x == -1) {
      return Double.NEGATIVE_INFINITY;
    }
    boolean negative = x < 0;
    double a = Math.abs(x);
    double r;
    if (a < NEAR_ZERO) {
      r = a;
    } else if (a < 0.5) {
      double twice = a + a;
      r = 0.5 * StrictMath.log1p(twice + twice * a / (1 - a));
    } else {
      r = 0.5 * StrictMath.log1p((a + a) / (1 - a));
    }
    return negative ? -r : r;
  }

  /**
   * Rounds {@code v} to the nearest multiple of {@code toNearest}, ties towards +Inf. Computed as
   * {@code floor(v * inv + 0.5) / inv} with {@code inv = 1 / toNearest}, because multiplying by
   * the inverse loses less precision than dividing (round(0.3, 0.1) is 0.3, not
   * 0.30000000000000004). The engine passes {@code toNearest = 1} when the argument is absent.
   */
  public static double round(double v, double toNearest) {
    double inverse = 1.0 / toNearest;
    return Math.floor(v * inverse + 0.5) / inverse;
  }

  /**
   * Clamps {@code v} into [min, max] as {@code max(min, min(max, v))} with Go's math.Min/Max
   * rules: NaN propagates unless an infinite bound decides (clamp(NaN, -Inf, -Inf) is -Inf). The
   * engine must check {@link #clampOutputs(double, double)} first:
   * when {@code max < min}, clamp outputs no samples at all.
   */
  public static double clamp(double v, double min, double max) {
    return goMax(min, goMin(max, v));
  }

  /** False when clamp with these bounds produces an empty vector, i.e. {@code max < min}. */
  public static boolean clampOutputs(double min, double max) {
    return !(max < min);
  }

  /** clamp_max: {@code min(max, v)} with NaN propagating; never drops samples. */
  public static double clampMax(double v, double max) {
    return clamp(v, Double.NEGATIVE_INFINITY, max);
  }

  /** clamp_min: {@code max(min, v)} with NaN propagating; never drops samples. */
  public static double clampMin(double v, double min) {
    return clamp(v, min, Double.POSITIVE_INFINITY);
  }

  /**
   * Go's math.Max: +Inf wins over NaN, otherwise NaN propagates; +0 beats -0. Java's Math.max
   * returns NaN even against +Inf.
   */
  static double goMax(double a, double b) {
    if (a == Double.POSITIVE_INFINITY || b == Double.POSITIVE_INFINITY) {
      return Double.POSITIVE_INFINITY;
    }
    return Math.max(a, b);
  }

  /** Go's math.Min: -Inf wins over NaN, otherwise NaN propagates; -0 beats +0. */
  static double goMin(double a, double b) {
    if (a == Double.NEGATIVE_INFINITY || b == Double.NEGATIVE_INFINITY) {
      return Double.NEGATIVE_INFINITY;
    }
    return Math.min(a, b);
  }
}
