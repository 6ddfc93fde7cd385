package io.hearth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A prometheus.yml with no scrape jobs, for tests whose data must not gain self-scraped series. */
public final class NoScrapes {
  private NoScrapes() {}

  public static Path file(Path dir) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve("no-scrapes.yml"), "scrape_configs: []\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
