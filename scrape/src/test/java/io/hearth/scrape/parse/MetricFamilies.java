package io.hearth.scrape.parse;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Builds {@code io.prometheus.client} messages for tests with protobuf-java's own encoder, so the
 * parser is checked against the reference wire format rather than against itself. Field numbers
 * follow {@code metrics.proto} in prometheus/client_model.
 */
final class MetricFamilies {
  static final int COUNTER = 0;
  static final int GAUGE = 1;
  static final int SUMMARY = 2;
  static final int UNTYPED = 3;
  static final int HISTOGRAM = 4;
  static final int GAUGE_HISTOGRAM = 5;

  private MetricFamilies() {}

  /** One message under construction: fields are written in the order they are added. */
  static final class Msg {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CodedOutputStream cos = CodedOutputStream.newInstance(out);

    Msg string(int field, String v) {
      return write(() -> cos.writeString(field, v));
    }

    Msg rawBytes(int field, byte[] v) {
      return write(() -> cos.writeByteArray(field, v));
    }

    Msg dbl(int field, double v) {
      return write(() -> cos.writeDouble(field, v));
    }

    Msg uint64(int field, long v) {
      return write(() -> cos.writeUInt64(field, v));
    }

    Msg int64(int field, long v) {
      return write(() -> cos.writeInt64(field, v));
    }

    Msg int32(int field, int v) {
      return write(() -> cos.writeInt32(field, v));
    }

    Msg sint32(int field, int v) {
      return write(() -> cos.writeSInt32(field, v));
    }

    Msg sint64(int field, long v) {
      return write(() -> cos.writeSInt64(field, v));
    }

    Msg fixed32(int field, int v) {
      return write(() -> cos.writeFixed32(field, v));
    }

    Msg msg(int field, Msg m) {
      return write(() -> cos.writeBytes(field, ByteString.copyFrom(m.bytes())));
    }

    /** A packed repeated sint64 field. */
    Msg packedSint64(int field, long... vs) {
      return write(() -> {
        int size = 0;
        for (long v : vs) {
          size += CodedOutputStream.computeSInt64SizeNoTag(v);
        }
        cos.writeTag(field, 2);
        cos.writeUInt32NoTag(size);
        for (long v : vs) {
          cos.writeSInt64NoTag(v);
        }
      });
    }

    byte[] bytes() {
      try {
        cos.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }

    private Msg write(IoAction a) {
      try {
        a.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return this;
    }

    private interface IoAction {
      void run() throws IOException;
    }
  }

  static Msg msg() {
    return new Msg();
  }

  /** The delimited stream: each family prefixed by its length as a varint. */
  static byte[] stream(Msg... families) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream cos = CodedOutputStream.newInstance(out);
    try {
      for (Msg f : families) {
        byte[] b = f.bytes();
        cos.writeUInt32NoTag(b.length);
        cos.writeRawBytes(b);
      }
      cos.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static Msg family(String name, String help, int type, Msg... metrics) {
    Msg f = msg().string(1, name);
    if (!help.isEmpty()) {
      f.string(2, help);
    }
    if (type != COUNTER) {
      f.int32(3, type);
    }
    for (Msg m : metrics) {
      f.msg(4, m);
    }
    return f;
  }

  /** A metric with labels given as name, value, name, value, …. */
  static Msg metric(String... labels) {
    Msg m = msg();
    for (int i = 0; i < labels.length; i += 2) {
      m.msg(1, msg().string(1, labels[i]).string(2, labels[i + 1]));
    }
    return m;
  }

  static Msg counter(double v) {
    return msg().dbl(1, v);
  }

  static Msg value(double v) {
    return msg().dbl(1, v);
  }

  static Msg timestamp(long seconds, int nanos) {
    return msg().int64(1, seconds).int32(2, nanos);
  }

  static Msg exemplar(double v, Msg ts, String... labels) {
    Msg e = msg();
    for (int i = 0; i < labels.length; i += 2) {
      e.msg(1, msg().string(1, labels[i]).string(2, labels[i + 1]));
    }
    e.dbl(2, v);
    if (ts != null) {
      e.msg(3, ts);
    }
    return e;
  }

  static Msg quantile(double q, double v) {
    return msg().dbl(1, q).dbl(2, v);
  }

  static Msg bucket(double upper, long cumulative) {
    return msg().uint64(1, cumulative).dbl(2, upper);
  }
}
