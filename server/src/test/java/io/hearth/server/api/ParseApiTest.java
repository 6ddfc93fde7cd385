package io.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.promql.engine.EngineOptions;
import io.hearth.server.NoScrapes;
import io.hearth.server.Server;
import io.hearth.server.http.ListenAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/parse_query}: the tree as Prometheus 3.x's {@code translateAST} writes it (keys in
 * sorted order, the name matcher after the braced ones, vector matching only between two vectors,
 * {@code <>&} escaped as Go's JSON encoder escapes them).
 * Prometheus 2.42 has no such endpoint, so these are golden texts worked out from upstream's code.
 */
class ParseApiTest {
  @TempDir static Path dir;
  private static Server server;

  @BeforeAll
  static void start() throws Exception {
    server = Server.start(new Server.Config(dir.resolve("data"), new ListenAddress("127.0.0.1", 0),
        EngineOptions.defaults(), 2, NoScrapes.file(dir)));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<String> parse(String query) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.address().getPort() + "/api/v1/parse_query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void check(String query, String wantData) throws Exception {
    HttpResponse<String> r = parse(query);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":" + wantData + "}");
  }

  @Test
  void aggregationOverACallOverARangeSelectorComparedToANumber() throws Exception {
    check("sum by (job) (rate(foo{a=\"b\"}[5m] offset 1m)) > bool 2",
        "{\"bool\":true,\"lhs\":{\"expr\":{\"args\":[{\"anchored\":false,\"matchers\":["
            + "{\"name\":\"a\",\"type\":\"=\",\"value\":\"b\"},{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"foo\"}],"
            + "\"name\":\"foo\",\"offset\":60000,\"offsetExpr\":null,\"range\":300000,\"rangeExpr\":null,"
            + "\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,\"type\":\"matrixSelector\"}],"
            + "\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"rate\",\"returnType\":\"vector\",\"variadic\":0},"
            + "\"type\":\"call\"},\"grouping\":[\"job\"],\"op\":\"sum\",\"param\":null,\"type\":\"aggregation\","
            + "\"without\":false},\"matching\":null,\"op\":\"\\u003e\",\"rhs\":{\"type\":\"numberLiteral\",\"val\":\"2\"},"
            + "\"type\":\"binaryExpr\"}");
  }

  @Test
  void vectorMatchingBetweenTwoVectors() throws Exception {
    check("a / on (x) group_left (y) b",
        "{\"bool\":false,\"lhs\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"a\"}],"
            + "\"name\":\"a\",\"offset\":0,\"offsetExpr\":null,\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,"
            + "\"type\":\"vectorSelector\"},\"matching\":{\"card\":\"many-to-one\",\"fillValues\":{\"lhs\":null,\"rhs\":null},"
            + "\"include\":[\"y\"],\"labels\":[\"x\"],\"on\":true},\"op\":\"/\",\"rhs\":{\"anchored\":false,\"matchers\":"
            + "[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"b\"}],\"name\":\"b\",\"offset\":0,\"offsetExpr\":null,"
            + "\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":null,\"type\":\"vectorSelector\"},\"type\":\"binaryExpr\"}");
  }

  @Test
  void subqueryWithAtStartLiteralsAndUnary() throws Exception {
    check("-(max_over_time({__name__=~\"x.*\"}[10m:30s] @ start()))",
        "{\"expr\":{\"expr\":{\"args\":[{\"expr\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\","
            + "\"type\":\"=~\",\"value\":\"x.*\"}],\"name\":\"\",\"offset\":0,\"offsetExpr\":null,\"smoothed\":false,"
            + "\"startOrEnd\":null,\"timestamp\":null,\"type\":\"vectorSelector\"},\"offset\":0,\"offsetExpr\":null,"
            + "\"range\":600000,\"rangeExpr\":null,\"startOrEnd\":\"start\",\"step\":30000,\"stepExpr\":null,"
            + "\"timestamp\":null,\"type\":\"subquery\"}],\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"max_over_time\","
            + "\"returnType\":\"vector\",\"variadic\":0},\"type\":\"call\"},\"type\":\"parenExpr\"},\"op\":\"-\","
            + "\"type\":\"unaryExpr\"}");
    check("-1.5e3", "{\"type\":\"numberLiteral\",\"val\":\"-1500\"}");
    check("\"a<b\"", "{\"type\":\"stringLiteral\",\"val\":\"a\\u003cb\"}");
  }

  @Test
  void aQueryThatDoesNotParseIsBadData() throws Exception {
    HttpResponse<String> r = parse("sum(");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": ");
  }
}
