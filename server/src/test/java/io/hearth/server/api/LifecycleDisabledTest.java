package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.NoScrapes;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleDisabledTest {
  @TempDir Path dir;

  @Test
  void withoutTheLifecycleFlagReloadAndQuitAreForbidden() throws Exception {
    try (Server server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, NoScrapes.file(dir)))) {
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      for (String path : new String[] {"/-/reload", "/-/quit"}) {
        for (String method : new String[] {"POST", "PUT"}) {
          HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.address().getPort() + path))
              .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).isEqualTo(403);
          assertThat(r.body()).isEqualTo("Lifecycle API is not enabled.");
        }
      }
      assertThat(server.quitRequested()).isNotDone();
    }
  }
}
