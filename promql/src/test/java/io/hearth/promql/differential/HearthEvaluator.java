package io.hearth.promql.differential;

import io.hearth.promql.PromqlException;
import io.hearth.promql.engine.Engine;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Query;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Scalar;
import io.hearth.promql.engine.StringValue;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import io.hearth.storage.Queryable;
import java.util.ArrayList;
import java.util.List;

/**
 * Hearth's side: queries run by the engine over a {@link Queryable}, their values reduced to
 * {@link Answer}s.
 */
final class HearthEvaluator implements Evaluator {
  private final Queryable storage;
  private final Engine engine;

  HearthEvaluator(Queryable storage, Engine engine) {
    this.storage = storage;
    this.engine = engine;
  }

  @Override
  public Answer instant(String query, long timeMs) {
    try (Query q = engine.newInstantQuery(storage, query, timeMs)) {
      return answer(q.exec().value());
    } catch (PromqlException e) {
      return Answer.error(e.kind() + ": " + e.getMessage());
    }
  }

  @Override
  public Answer range(String query, long startMs, long endMs, long stepMs) {
    try (Query q = engine.newRangeQuery(storage, query, startMs, endMs, stepMs)) {
      return answer(q.exec().value());
    } catch (PromqlException e) {
      return Answer.error(e.kind() + ": " + e.getMessage());
    }
  }

  static Answer answer(Value v) {
    return switch (v) {
      case Scalar s -> Answer.scalar(s.t(), s.v());
      case StringValue s -> Answer.string(s.t(), s.v());
      case Vector vec -> {
        List<Answer.Curve> out = new ArrayList<>(vec.samples().size());
        for (Sample s : vec.samples()) {
          out.add(new Answer.Curve(s.labels(), new long[] {s.t()}, new double[] {s.v()}));
        }
        yield Answer.vector(out);
      }
      case Matrix m -> {
        List<Answer.Curve> out = new ArrayList<>(m.series().size());
        for (FloatSeries s : m.series()) {
          long[] t = new long[s.size()];
          double[] val = new double[s.size()];
          for (int i = 0; i < t.length; i++) {
            t[i] = s.t(i);
            val[i] = s.v(i);
          }
          out.add(new Answer.Curve(s.labels(), t, val));
        }
        yield Answer.matrix(out);
      }
    };
  }
}
