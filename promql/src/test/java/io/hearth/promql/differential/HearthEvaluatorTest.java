package io.hearth.promql.differential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hearth.labels.Labels;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Scalar;
import io.hearth.promql.engine.StringValue;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hearth's values and Prometheus's JSON for the same result reduce to equal answers. */
class HearthEvaluatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void check(Value hearth, String prometheusData) throws Exception {
    Answer want = PrometheusServer.parse(JSON.readTree("{\"status\":\"success\",\"data\":" + prometheusData + "}"));
    Answer got = HearthEvaluator.answer(hearth);
    assertThat(AnswerDiff.diff(want, got, true)).isEmpty();
    assertThat(got.kind).isEqualTo(want.kind);
  }

  @Test
  void sameAnswers() throws Exception {
    check(new Scalar(1_795_309_200_481L, 1.5), "{\"resultType\":\"scalar\",\"result\":[1795309200.481,\"1.5\"]}");
    check(new StringValue(1000, "hi"), "{\"resultType\":\"string\",\"result\":[1,\"hi\"]}");
    check(new Vector(List.of(new Sample(Labels.of("__name__", "up", "job", "a"), 2500, Double.NaN),
            new Sample(Labels.of("job", "b"), 2500, Double.POSITIVE_INFINITY))),
        "{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"__name__\":\"up\",\"job\":\"a\"},\"value\":[2.5,\"NaN\"]},"
            + "{\"metric\":{\"job\":\"b\"},\"value\":[2.5,\"+Inf\"]}]}");
    check(new Matrix(List.of(new FloatSeries(Labels.of("a", "1"), new long[] {1000, 61_000}, new double[] {-1e-3, 7}, 2))),
        "{\"resultType\":\"matrix\",\"result\":[{\"metric\":{\"a\":\"1\"},\"values\":[[1,\"-0.001\"],[61,\"7\"]]}]}");
  }

  @Test
  void differentValuesDiffer() throws Exception {
    Answer want = PrometheusServer.parse(JSON.readTree(
        "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"2\"]}}"));
    assertThat(AnswerDiff.diff(want, HearthEvaluator.answer(new Scalar(1000, 3)), false)).isNotEmpty();
    assertThat(AnswerDiff.diff(want, HearthEvaluator.answer(new Scalar(2000, 2)), false)).isNotEmpty();
  }
}
