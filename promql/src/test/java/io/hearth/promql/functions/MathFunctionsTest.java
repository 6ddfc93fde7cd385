package io.hearth.promql.functions;

import static io.hearth.promql.functions.RangeFunctionsTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Elementwise math, with expectations from upstream's functions.test and trig_functions.test. */
class MathFunctionsTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private static void check(String fn, double in, double want) {
    assertClose(MathFunctions.byName(fn).applyAsDouble(in), want);
  }

  @Test
  void trigonometry() {
    check("sin", 10, -0.5440211108893699);
    check("sin", 20, 0.9129452507276277);
    check("cos", 10, -0.8390715290764524);
    check("cos", 20, 0.40808206181339196);
    check("tan", 10, 0.6483608274590867);
    check("tan", 20, 2.2371609442247427);
    check("asin", 10 - 10.1, -0.10016742116155944);
    check("asin", 20 - 10.1, NAN);
    check("acos", 10 - 10.1, 1.670963747956456);
    check("acos", 20 - 10.1, NAN);
    check("atan", 10, 1.4711276743037345);
    check("atan", 20, 1.5208379310729538);
    // trig_functions.test expects 11013.232920103324 (cosh 10), inside its 1e-6 tolerance of
    // the true sinh(10).
    check("sinh", 10, 11013.232874703393);
    check("sinh", 20, 2.4258259770489514e+08);
    check("cosh", 10, 11013.232920103324);
    check("tanh", 10, 0.9999999958776927);
    check("tanh", 20, 1);
    check("asinh", 10, 2.99822295029797);
    check("asinh", 20, 3.6895038689889055);
    check("acosh", 10, 2.993222846126381);
    check("acosh", 20, 3.6882538673612966);
    check("atanh", 10 - 10.1, -0.10033534773107522);
    check("atanh", 20 - 10.1, NAN);
    check("rad", 10, 0.17453292519943295);
    check("rad", 20, 0.3490658503988659);
    check("rad", 10 - 20, -0.17453292519943295);
    check("deg", 10, 572.9577951308232);
    check("deg", 20, 1145.9155902616465);
    check("deg", 0, 0);
    for (String fn : new String[] {"sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh",
        "tanh", "asinh", "acosh", "atanh", "rad", "deg"}) {
      check(fn, NAN, NAN);
    }
  }

  @Test
  void inverseHyperbolicEdges() {
    check("asinh", 0, 0);
    check("asinh", -10, -2.99822295029797);
    check("asinh", INF, INF);
    check("asinh", -INF, -INF);
    check("asinh", 1e-10, 1e-10);
    check("asinh", 1e300, StrictMath.log(1e300) + StrictMath.log(2));
    check("asinh", 1.5, 1.1947632172871094);
    check("acosh", 1, 0);
    check("acosh", 0.5, NAN);
    check("acosh", INF, INF);
    check("acosh", 1.5, 0.9624236501192069);
    check("atanh", 1, INF);
    check("atanh", -1, -INF);
    check("atanh", 0.75, 0.9729550745276566);
    check("atanh", 1e-10, 1e-10);
  }

  @Test
  void logsAndExp() {
    check("exp", 10, 22026.465794806718);
    check("exp", 20, 485165195.4097903);
    check("exp", 0, 1);
    check("exp", 10 - 20, 4.5399929762484854e-05);
    check("ln", 10, 2.302585092994046);
    check("ln", 20, 2.995732273553991);
    check("ln", 0, -INF);
    check("ln", -10, NAN);
    check("sqrt", 10, 3.1622776601683795);
    check("sqrt", 20, 4.47213595499958);
    check("log2", 10, 3.3219280948873626);
    check("log2", 20, 4.321928094887363);
    check("log2", 0, -INF);
    check("log2", -10, NAN);
    check("log10", 10, 1);
    check("log10", 20, 1.301029995663981);
    check("log10", 0, -INF);
    check("log10", -10, NAN);
  }

  @Test
  void log2IsExactForPowersOfTwo() {
    for (int e = -1074; e <= 1023; e++) {
      assertThat(MathFunctions.log2(Math.scalb(1.0, e))).as("2^%d", e).isEqualTo(e);
    }
    assertThat(MathFunctions.log2(INF)).isEqualTo(INF);
    assertThat(MathFunctions.log2(NAN)).isNaN();
    assertThat(MathFunctions.log2(-8)).isNaN();
    assertClose(MathFunctions.log2(3 * Double.MIN_VALUE), -1074 + StrictMath.log(3) / StrictMath.log(2));
  }

  @Test
  void absCeilFloorSgn() {
    double[] in = {2.5, 2, -2.5, -2, 0, -0.0, INF, -INF, NAN};
    double[] abs = {2.5, 2, 2.5, 2, 0, 0, INF, INF, NAN};
    double[] ceil = {3, 2, -2, -2, 0, 0, INF, -INF, NAN};
    double[] floor = {2, 2, -3, -2, 0, 0, INF, -INF, NAN};
    double[] round = {3, 2, -2, -2, 0, 0, INF, -INF, NAN};
    for (int i = 0; i < in.length; i++) {
      check("abs", in[i], abs[i]);
      check("ceil", in[i], ceil[i]);
      check("floor", in[i], floor[i]);
      assertClose(MathFunctions.round(in[i], 1), round[i]);
    }
    double[] sgnIn = {-INF, INF, NAN, -50, 0, 100};
    double[] sgn = {-1, 1, NAN, -1, 0, 1};
    for (int i = 0; i < sgnIn.length; i++) {
      check("sgn", sgnIn[i], sgn[i]);
    }
    assertThat(1 / MathFunctions.sgn(-0.0)).isEqualTo(-INF);
  }

  @Test
  void roundHalfUpToNearest() {
    // From aggregators.test, with the inputs computed as PromQL computes them.
    double[][] cases = {
      {0.004 * 100, 1, 0},
      {0.004 * 200, 1, 1},
      {-1 * (0.004 * 200), 1, -1},
      {0.005 * 100, 1, 1},
      {-1 * (0.005 * 100), 1, 0},
      {-1 * (0.005 * 200), 1, -1},
      {1 + 0.005 * 100, 1, 2},
      {-1 * (1 + 0.005 * 100), 1, -1},
      {-1 * (1 + 0.005 * 200), 1, -2},
      {0.0005 * 100, 0.1, 0.1},
      {0.0005 * 200, 0.1, 0.1},
      {2.1 + 0.0005 * 100, 0.1, 2.2},
      {5.2 + 0.0005 * 100, 0.1, 5.3},
      {5.2 + 0.0005 * 200, 0.1, 5.3},
      {-1 * (5.2 + 0.0005 * 100), 0.1, -5.2},
      {-1 * (5.2 + 0.0005 * 200), 0.1, -5.3},
      {0.025 * 100, 5, 5},
      {0.045 * 100, 5, 5},
    };
    for (double[] c : cases) {
      assertThat(MathFunctions.round(c[0], c[1])).as("round(%s, %s)", c[0], c[1]).isEqualTo(c[2]);
    }
  }

  @Test
  void clampFollowsGoMinMax() {
    assertThat(MathFunctions.clampMax(-50, 75)).isEqualTo(-50);
    assertThat(MathFunctions.clampMax(100, 75)).isEqualTo(75);
    assertThat(MathFunctions.clampMin(-50, -25)).isEqualTo(-25);
    assertThat(MathFunctions.clampMin(100, -25)).isEqualTo(100);
    assertThat(MathFunctions.clamp(-50, -25, 75)).isEqualTo(-25);
    assertThat(MathFunctions.clamp(0, -25, 75)).isEqualTo(0);
    assertThat(MathFunctions.clamp(100, -25, 75)).isEqualTo(75);
    assertThat(MathFunctions.clamp(5, 0, NAN)).isNaN();
    assertThat(MathFunctions.clamp(5, NAN, 0)).isNaN();
    assertThat(MathFunctions.clamp(NAN, 0, 1)).isNaN();
    assertThat(MathFunctions.clampMin(NAN, INF)).isEqualTo(INF);
    assertThat(MathFunctions.clampMax(NAN, -INF)).isEqualTo(-INF);
    assertThat(MathFunctions.clampOutputs(5, -5)).isFalse();
    assertThat(MathFunctions.clampOutputs(-25, 75)).isTrue();
    assertThat(MathFunctions.clampOutputs(0, NAN)).isTrue();
    assertThat(MathFunctions.clampOutputs(NAN, 0)).isTrue();
  }

  @Test
  void registryHasOnlyTheOneArgumentFunctions() {
    assertThat(MathFunctions.byName("round")).isNull();
    assertThat(MathFunctions.byName("clamp")).isNull();
    assertThat(MathFunctions.byName("abs")).isNotNull();
  }
}
