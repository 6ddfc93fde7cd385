package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.labels.Labels;
import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.http.ListenAddress;
import io.hearth.storage.Appender;
import io.hearth.tsdb.block.BlockWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistent blocks in the data directory are served by the API together with the head. */
class BlocksServedTest {
  @TempDir Path dir;

  @Test
  void aRangeQueryReadsABlockAndTheHeadAsOneSeries() throws Exception {
    Path data = dir.resolve("data");
    java.nio.file.Files.createDirectories(data);
    Labels up = Labels.of("__name__", "up", "job", "old");
    try (BlockWriter w = BlockWriter.create(data, 60_000, 3_600_000)) {
      w.addSeries(up, new long[] {60_000, 120_000}, new double[] {1, 0}, 2);
      w.commit();
    }
    try (Server server = Server.start(new Server.Config(data, new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, NoScrapes.file(dir)))) {
      Appender app = server.db().appender();
      app.append(0, up, 180_000, 1);
      app.commit();
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.address().getPort() + "/api/v1/query_range?query=up&start=60&end=180&step=60"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
          + "{\"metric\":{\"__name__\":\"up\",\"job\":\"old\"},\"values\":[[60,\"1\"],[120,\"0\"],[180,\"1\"]]}]}}");
      String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.address().getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString())
          .body();
      assertThat(metrics).containsPattern("(?m)^prometheus_tsdb_blocks_loaded 1(\\.0)?$")
          .containsPattern("(?m)^prometheus_tsdb_lowest_timestamp 60000(\\.0)?$");
    }
  }
}
