package io.hearth.server.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.hearth.labels.Labels;
import io.hearth.promql.engine.FloatSeries;
import io.hearth.promql.engine.Matrix;
import io.hearth.promql.engine.Sample;
import io.hearth.promql.engine.Scalar;
import io.hearth.promql.engine.StringValue;
import io.hearth.promql.engine.Value;
import io.hearth.promql.engine.Vector;
import io.hearth.scrape.parse.FloatFormat;
import io.hearth.server.http.ChunkedBodyStream;
import io.hearth.server.http.Responder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes the HTTP API's JSON envelope ({@code status}, {@code data}, {@code errorType}, {@code
 * error}, {@code warnings}, {@code infos}) and query results as Prometheus encodes them: values
 * as strings of Go's shortest float text, timestamps as seconds with at most three decimals,
 * series as {@code {"metric":{...},"values":[[t,"v"],...]}}. Streams through Jackson's generator,
 * so a large result never exists as one document in memory. Single-use, not thread-safe.
 */
public final class JsonWriter implements AutoCloseable {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .build();

  private final JsonGenerator gen;
  private final StringBuilder text = new StringBuilder(32);
  private char[] chars = new char[32];

  public JsonWriter(OutputStream out) {
    try {
      gen = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    gen.setCharacterEscapes(GoJsonEscapes.STANDARD);
  }

  /** What a successful query answers besides its value. {@code stats} may be null (not asked for). */
  public record Extras(List<String> warnings, List<String> infos, StatsJson stats) {
    public static final Extras NONE = new Extras(List.of(), List.of(), null);
  }

  /** The {@code stats} object of a query response; times in nanoseconds. */
  public record StatsJson(long evalTotal, long resultSort, long queryPreparation, long innerEval,
      long execQueue, long execTotal, long totalQueryableSamples, long peakSamples) {}

  /** A whole successful query response: {@code {"status":"success","data":{"resultType":..,"result":..}}}. */
  public void querySuccess(Value value, Extras extras) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("status", "success");
    gen.writeFieldName("data");
    gen.writeStartObject();
    gen.writeStringField("resultType", switch (value) {
      case Scalar s -> "scalar";
      case StringValue s -> "string";
      case Vector v -> "vector";
      case Matrix m -> "matrix";
    });
    gen.writeFieldName("result");
    writeValue(value);
    if (extras.stats() != null) {
      writeStats(extras.stats());
    }
    gen.writeEndObject();
    writeStrings("warnings", extras.warnings());
    writeStrings("infos", extras.infos());
    gen.writeEndObject();
  }

  /** Writes a response's {@code data} value with the raw generator (Go-escaped strings). */
  @FunctionalInterface
  public interface Data {
    void write(JsonGenerator gen) throws IOException;
  }

  /**
   * A whole successful response of any endpoint: {@code {"status":"success","data":...}} then the
   * warnings and infos when there are any.
   */
  public void success(Data data, List<String> warnings, List<String> infos) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("status", "success");
    gen.writeFieldName("data");
    data.write(gen);
    writeStrings("warnings", warnings);
    writeStrings("infos", infos);
    gen.writeEndObject();
  }

  /** A label set as a JSON object in label order, as Prometheus encodes {@code labels.Labels}. */
  public static void writeLabels(JsonGenerator gen, Labels labels) throws IOException {
    gen.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      gen.writeStringField(labels.name(i), labels.value(i));
    }
    gen.writeEndObject();
  }

  /**
   * Streams a successful response to {@code res}: written as it is produced, gzip'd by the
   * pipeline when the client accepts it. A failure half-way aborts the stream (the client sees a
   * truncated body, as with Prometheus).
   */
  public static void respond(Responder res, Data data, List<String> warnings, List<String> infos) {
    ChunkedBodyStream body = res.stream(200, "application/json");
    try {
      try (JsonWriter w = new JsonWriter(body)) {
        w.success(data, warnings, infos);
      }
      body.close();
    } catch (IOException | RuntimeException e) {
      body.abort();
    }
  }

  /** {@link #respond(Responder, Data, List, List)} without warnings or infos. */
  public static void respond(Responder res, Data data) {
    respond(res, data, List.of(), List.of());
  }

  /** An error envelope with the status code of its type. */
  public static void sendError(Responder res, ErrorType type, String message) {
    res.send(type.status(), "application/json", errorBytes(type, message));
  }

  /** An error response body: {@code {"status":"error","errorType":..,"error":..}}. */
  public void error(ErrorType type, String message) throws IOException {
    gen.writeStartObject();
    gen.writeStringField("status", "error");
    gen.writeStringField("errorType", type.text());
    gen.writeStringField("error", message);
    gen.writeEndObject();
  }

  /** An error response body as bytes; small enough never to stream. */
  public static byte[] errorBytes(ErrorType type, String message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128 + message.length());
    try (JsonWriter w = new JsonWriter(out)) {
      w.error(type, message);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void writeValue(Value value) throws IOException {
    switch (value) {
      case Scalar s -> {
        gen.writeStartArray();
        floatSeconds(s.t());
        text.setLength(0);
        // Prometheus's Scalar.MarshalJSON formats with 'f' always, never an exponent.
        stringValue(FloatFormat.appendGo(s.v(), 'f', text));
        gen.writeEndArray();
      }
      case StringValue s -> {
        gen.writeStartArray();
        floatSeconds(s.t());
        gen.writeString(s.v());
        gen.writeEndArray();
      }
      case Vector v -> {
        gen.writeStartArray();
        for (Sample s : v.samples()) {
          gen.writeStartObject();
          gen.writeFieldName("metric");
          labels(s.labels());
          gen.writeFieldName("value");
          point(s.t(), s.v());
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      case Matrix m -> {
        gen.writeStartArray();
        for (FloatSeries s : m.series()) {
          gen.writeStartObject();
          gen.writeFieldName("metric");
          labels(s.labels());
          int n = s.size();
          if (n > 0) {
            // Prometheus omits "values" for a series without float points.
            gen.writeFieldName("values");
            gen.writeStartArray();
            for (int i = 0; i < n; i++) {
              point(s.t(i), s.v(i));
            }
            gen.writeEndArray();
          }
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
    }
  }

  private void labels(Labels labels) throws IOException {
    gen.setCharacterEscapes(GoJsonEscapes.LABELS);
    gen.writeStartObject();
    for (int i = 0; i < labels.size(); i++) {
      gen.writeFieldName(labels.name(i));
      gen.writeString(labels.value(i));
    }
    gen.writeEndObject();
    gen.setCharacterEscapes(GoJsonEscapes.STANDARD);
  }

  /** {@code [t, "v"]}, the value as Prometheus's {@code jsonutil.MarshalFloat}. */
  private void point(long t, double v) throws IOException {
    gen.writeStartArray();
    timestamp(t);
    text.setLength(0);
    double abs = Math.abs(v);
    char fmt = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
    stringValue(FloatFormat.appendGo(v, fmt, text));
    gen.writeEndArray();
  }

  /** Milliseconds as seconds with the trailing zeros of the fraction dropped ({@code jsonutil.MarshalTimestamp}). */
  private void timestamp(long t) throws IOException {
    text.setLength(0);
    appendTimestamp(t, text);
    raw(text, false);
  }

  /**
   * Scalars and strings marshal themselves in Prometheus through encoding/json as {@code
   * float64(t) / 1000}, so their time is a JSON float ({@code 1.5}), not the fixed three-decimal
   * form of samples ({@code 1.500}).
   */
  private void floatSeconds(long t) throws IOException {
    text.setLength(0);
    appendGoJsonFloat(t / 1000.0, text);
    raw(text, false);
  }

  static StringBuilder appendTimestamp(long t, StringBuilder out) {
    if (t < 0) {
      out.append('-');
      t = -t; // Long.MIN_VALUE stays negative: read as unsigned below, as Go's int64 negation wraps too
    }
    long seconds = Long.divideUnsigned(t, 1000);
    long fraction = Long.remainderUnsigned(t, 1000);
    if (seconds >= 0) {
      out.append(seconds);
    } else {
      out.append(Long.toUnsignedString(seconds));
    }
    if (fraction != 0) {
      out.append('.');
      if (fraction < 100) {
        out.append('0');
      }
      if (fraction < 10) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out;
  }

  private void stringValue(StringBuilder s) throws IOException {
    raw(s, true);
  }

  /** Writes {@code s} as a raw JSON value (quoted when asked), without a String per value. */
  private void raw(StringBuilder s, boolean quoted) throws IOException {
    int n = s.length() + (quoted ? 2 : 0);
    if (chars.length < n) {
      chars = new char[Math.max(n, chars.length * 2)];
    }
    int at = 0;
    if (quoted) {
      chars[at++] = '"';
    }
    s.getChars(0, s.length(), chars, at);
    at += s.length();
    if (quoted) {
      chars[at++] = '"';
    }
    gen.writeRawValue(chars, 0, at);
  }

  private void writeStats(StatsJson s) throws IOException {
    gen.writeFieldName("stats");
    gen.writeStartObject();
    gen.writeFieldName("timings");
    gen.writeStartObject();
    seconds("evalTotalTime", s.evalTotal());
    seconds("resultSortTime", s.resultSort());
    seconds("queryPreparationTime", s.queryPreparation());
    seconds("innerEvalTime", s.innerEval());
    seconds("execQueueTime", s.execQueue());
    seconds("execTotalTime", s.execTotal());
    gen.writeEndObject();
    gen.writeFieldName("samples");
    gen.writeStartObject();
    gen.writeNumberField("totalQueryableSamples", s.totalQueryableSamples());
    gen.writeNumberField("peakSamples", s.peakSamples());
    gen.writeEndObject();
    gen.writeEndObject();
  }

  /** A float64 of seconds as Go's encoding/json writes it. */
  private void seconds(String field, long nanos) throws IOException {
    gen.writeFieldName(field);
    text.setLength(0);
    appendGoJsonFloat(nanos / 1e9, text);
    raw(text, false);
  }

  /** Go's encoding/json float64: 'f', or 'e' below 1e-6 and from 1e21 with "e-07" cleaned to "e-7". */
  static StringBuilder appendGoJsonFloat(double v, StringBuilder out) {
    double abs = Math.abs(v);
    if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
      int start = out.length();
      FloatFormat.appendGo(v, 'e', out);
      int n = out.length();
      if (n - start >= 4 && out.charAt(n - 4) == 'e' && out.charAt(n - 3) == '-' && out.charAt(n - 2) == '0') {
        out.deleteCharAt(n - 2);
      }
      return out;
    }
    return FloatFormat.appendGo(v, 'f', out);
  }

  /** An optional list of strings, omitted when empty as Go's {@code omitempty} does. */
  private void writeStrings(String field, List<String> values) throws IOException {
    if (values.isEmpty()) {
      return;
    }
    gen.writeFieldName(field);
    gen.writeStartArray();
    for (String s : values) {
      gen.writeString(s);
    }
    gen.writeEndArray();
  }

  /** Flushes what the generator buffers; the stream itself is left open. */
  @Override
  public void close() throws IOException {
    gen.close();
  }
}
