package io.hearth.tsdb;

import io.hearth.labels.Labels;
import io.hearth.storage.Appender;
import java.nio.file.Path;

/**
 * The child process of {@link CrashRecoveryTest}: writes numbered batches to a database and
 * prints each batch number only after its commit returned, until it is killed or reaches its cap.
 */
public final class CrashWriter {
  static final int SERIES = 200;
  static final int MAX_BATCHES = 200_000;

  private CrashWriter() {}

  /** The value series {@code i} holds in batch {@code b}: distinct per sample, and every kind of float. */
  static double value(long b, int i) {
    return switch (i % 4) {
      case 0 -> b * 10 + i;
      case 1 -> Math.sin(b * 0.01 + i);
      case 2 -> b % 17 == 0 ? Double.longBitsToDouble(0x7ff0000000000002L) : -b;
      default -> (b + i) * 0.1;
    };
  }

  static Labels labels(int i) {
    return Labels.of("__name__", "crash_test", "series", Integer.toString(i), "kind", Integer.toString(i % 4));
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long start = Long.parseLong(args[1]);
    long[] refs = new long[SERIES];
    try (Db db = Db.open(dir, DbOptions.defaults())) {
      System.out.println("open");
      System.out.flush();
      for (long b = start; b < start + MAX_BATCHES; b++) {
        Appender app = db.appender();
        for (int i = 0; i < SERIES; i++) {
          refs[i] = app.append(refs[i], labels(i), b * 1000, value(b, i));
        }
        app.commit();
        System.out.println(b);
        System.out.flush();
      }
    }
  }
}
