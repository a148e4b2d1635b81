package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.PrometheusText;
import org.addrservice.testing.ServiceProcess;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every metric the alerting rules and the dashboard query is one the service really exposes on
 * {@code /prometheus}: a renamed metric fails here rather than leaving an alert that never fires.
 */
class OpsMetricNamesIT {

  /** Series Prometheus makes itself rather than scrapes. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up");

  private static final Path ALERTS = OpsKit.OPS.resolve("prometheus").resolve("alerts.yml");
  private static final Path DASHBOARD =
      OpsKit.OPS.resolve("grafana").resolve("addrservice-dashboard.json");

  private static final Pattern STRING =
      Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.$])[a-zA-Z_:][\\w:]*");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "offset",
          "bool",
          "atan2",
          "inf",
          "nan");

  @Test
  void everyMetricOfTheAlertsAndTheDashboardIsExposedByTheService(@TempDir Path dir)
      throws Exception {
    Set<String> used = new TreeSet<>(alertMetricNames());
    used.addAll(dashboardMetricNames());
    used.removeAll(PROMETHEUS_OWN);
    assertThat(used)
        .contains(
            "addrservice_http_server_responses_total",
            "addrservice_db_pool_waiting_threads",
            "jvm_memory_heap_used");

    Path config = OpsKit.runnableConfigMapConfig(dir, OpsKit.sqliteStore(dir));
    try (ServiceProcess service =
        ServiceProcess.start(config, ServiceProcess.logFile("ops-metric-names"))) {
      HttpClient http = HttpClient.newHttpClient();
      sendTraffic(http, service.uri(""));
      // Health gauges appear once the health module's scheduled checks have run.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                String scrape = get(http, service.adminUri("/prometheus"));
                assertThat(scrapedNames(scrape)).containsAll(used);
              });
    }
  }

  @Test
  void metricNamesAreReadFromPromQlWithoutFunctionsLabelsOrKeywords() {
    String expression =
        "sum by (job) (rate(a_total{code_class=\"5xx\", path=~\"x{1}(y)\"}[5m] offset 1h))"
            + " / on (job) group_left (le) max without (i) (b_seconds{quantile='0.99'})"
            + " > 1e3 and c:ratio unless absent(d) or histogram_quantile(0.9, e_bucket)"
            + " * bool 2 - f[$__rate_interval:1m]";

    assertThat(metricNames(expression))
        .containsExactlyInAnyOrder("a_total", "b_seconds", "c:ratio", "d", "e_bucket", "f");
  }

  private static void sendTraffic(HttpClient http, URI root) throws Exception {
    String base = root.toString();
    HttpResponse<String> created =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/addresses"))
                .header("Authorization", TestKeys.bearer(TestKeys.WRITER))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.text("entries/full.json")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(201);
    String entry = base + created.headers().firstValue("Location").orElseThrow();
    assertThat(status(http, HttpRequest.newBuilder(URI.create(entry)).GET())).isEqualTo(200);
    assertThat(status(http, HttpRequest.newBuilder(URI.create(base + "/addresses")).GET()))
        .isEqualTo(200);
    assertThat(
            status(
                http,
                HttpRequest.newBuilder(URI.create(entry))
                    .header("Content-Type", "application/json")
                    .PUT(
                        HttpRequest.BodyPublishers.ofString(
                            Fixtures.text("entries/minimal.json")))))
        .isEqualTo(204);
    assertThat(status(http, HttpRequest.newBuilder(URI.create(entry)).DELETE())).isEqualTo(204);
    assertThat(status(http, HttpRequest.newBuilder(URI.create(entry)).GET())).isEqualTo(404);
    assertThat(status(http, HttpRequest.newBuilder(URI.create(base + "/no-such-path")).GET()))
        .isEqualTo(404);
  }

  private static int status(HttpClient http, HttpRequest.Builder request) throws Exception {
    return http.send(
            request
                .header("Authorization", TestKeys.bearer(TestKeys.WRITER))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(uri.toString()).isEqualTo(200);
    return answer.body();
  }

  private static Set<String> alertMetricNames() {
    Set<String> names = new TreeSet<>();
    for (JsonNode group : OpsKit.yamlDocuments(ALERTS).get(0).path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        names.addAll(metricNames(rule.path("expr").asText()));
      }
    }
    return names;
  }

  private static Set<String> dashboardMetricNames() {
    try {
      JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
      return dashboard.findValues("targets").stream()
          .flatMap(targets -> targets.findValuesAsText("expr").stream())
          .flatMap(expression -> metricNames(expression).stream())
          .collect(Collectors.toCollection(TreeSet::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The metric names a PromQL expression selects: what is left once strings, label matchers, range
   * selectors, grouping clauses, numbers, function calls and keywords are taken away.
   */
  static Set<String> metricNames(String expression) {
    String stripped = STRING.matcher(expression).replaceAll("\"\"");
    stripped = stripped.replaceAll("\\{[^}]*}", " ");
    stripped = stripped.replaceAll("\\[[^]]*]", " ");
    stripped = GROUPING.matcher(stripped).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(stripped);
    while (identifier.find()) {
      String name = identifier.group();
      boolean isCall = stripped.substring(identifier.end()).matches("(?s)\\s*\\(.*");
      if (!isCall && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
        names.add(name);
      }
    }
    return names;
  }

  /** The sample names of a scrape, read by the strict parser of the text format. */
  private static Set<String> scrapedNames(String scrape) {
    return PrometheusText.parse(scrape).sampleNames();
  }
}
