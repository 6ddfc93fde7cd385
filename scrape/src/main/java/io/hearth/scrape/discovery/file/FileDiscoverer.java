package io.hearth.scrape.discovery.file;

import io.hearth.scrape.discovery.Discoverer;
import io.hearth.scrape.discovery.TargetGroup;
import java.util.List;
import java.util.function.Consumer;

/** Skeleton: the discovery helper writes the real one. */
public final class FileDiscoverer implements Discoverer {
  public FileDiscoverer(FileSdConfig config) {}

  @Override
  public void start(Consumer<List<TargetGroup>> updates) {
    throw new UnsupportedOperationException("file_sd_configs: not written yet");
  }

  @Override
  public void close() {}
}
