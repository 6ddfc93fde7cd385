package io.hearth.scrape.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * {@code scrape_failure_log_file}: one JSON line per failed scrape, appended to the file, in the
 * shape Prometheus's JSON logger writes ({@code time}, {@code level}, {@code msg}, then the job
 * and target), so tools that read Prometheus's file read this one.
 */
final class ScrapeFailureLog implements AutoCloseable {
  private final Path file;
  private final java.io.OutputStream out;

  ScrapeFailureLog(Path file) {
    this.file = file;
    try {
      this.out =
          Files.newOutputStream(
              file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("can't create json log file: " + e.getMessage(), e);
    }
  }

  Path file() {
    return file;
  }

  synchronized void log(Target target, long timeMillis, String error) {
    StringBuilder b = new StringBuilder(160);
    b.append("{\"time\":");
    json(b, Instant.ofEpochMilli(timeMillis).toString());
    b.append(",\"level\":\"ERROR\",\"msg\":");
    json(b, error);
    b.append(",\"job_name\":");
    json(b, target.scrapePool());
    b.append(",\"target\":");
    json(b, target.url().toString());
    b.append("}\n");
    try {
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // A full disk must not stop scraping; the failure is still visible in the targets API.
    }
  }

  static void json(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      // Nothing left to lose: every line was flushed when written.
    }
  }
}
