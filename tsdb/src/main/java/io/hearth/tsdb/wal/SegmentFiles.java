package io.hearth.tsdb.wal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Naming and listing of segment files: a WAL directory holds files named by 8-digit decimal numbers. */
final class SegmentFiles {
  private SegmentFiles() {}

  static Path path(Path dir, int segment) {
    return dir.resolve(String.format("%08d", segment));
  }

  /**
   * The numbers of the segments in {@code dir}, ascending. Entries whose names are not all digits
   * (checkpoint directories, temporary files) are ignored, as Prometheus ignores them.
   *
   * @throws IOException if the numbers have a gap, since records would then be missing
   */
  static int[] list(Path dir) throws IOException {
    int[] out = new int[16];
    int n = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        int k = parse(p.getFileName().toString());
        if (k >= 0 && Files.isRegularFile(p)) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = k;
        }
      }
    }
    out = Arrays.copyOf(out, n);
    Arrays.sort(out);
    for (int i = 1; i < n; i++) {
      if (out[i] != out[i - 1] + 1) {
        throw new IOException(
            "cannot list WAL segments in " + dir + ": segments are not sequential, " + out[i - 1] + " is followed by " + out[i]);
      }
    }
    return out;
  }

  private static int parse(String name) {
    if (name.isEmpty() || name.length() > 9) {
      return -1;
    }
    int k = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      k = k * 10 + (c - '0');
    }
    return k;
  }

  /** Makes a directory's entries (a created, truncated or deleted file) durable. */
  static void syncDir(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
