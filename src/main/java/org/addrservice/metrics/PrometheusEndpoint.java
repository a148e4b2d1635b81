package org.addrservice.metrics;

import io.dropwizard.core.setup.Environment;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.dropwizard.samplebuilder.CustomMappingSampleBuilder;
import io.prometheus.client.dropwizard.samplebuilder.MapperConfig;
import io.prometheus.client.servlet.jakarta.exporter.MetricsServlet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /prometheus} on the admin port: every Dropwizard metric in the Prometheus text format,
 * through the Prometheus client's Dropwizard bridge. The rules below turn the Dropwizard names the
 * dashboards and alerts use into Prometheus names with labels; any other metric keeps the bridge's
 * default name (dots become underscores).
 *
 * <p>The bridge appends {@code _total} to meters and {@code _count} to timers' sample counts, so a
 * meter's rule names it without {@code _total}. A rule's {@code *} stands for one whole segment of
 * the Dropwizard name, and the first matching rule wins.
 */
public final class PrometheusEndpoint {

  /**
   * The {@code @Timed} names of the resource methods. They are spelt out because the error meter of
   * {@code create} is {@code create-errors.exceptions}, and a {@code *} can only take a whole
   * segment, never the {@code create} out of {@code create-errors}.
   */
  static final List<String> ENDPOINTS =
      List.of("list", "create", "get", "replace", "patch", "delete");

  private static final String RESOURCE = "org.addrservice.resources.AddressBookResource";
  private static final String JETTY = "io.dropwizard.jetty.MutableServletContextHandler";
  private static final String POOL = "io.dropwizard.db.ManagedPooledDataSource";
  private static final List<String> CODE_CLASSES = List.of("1xx", "2xx", "3xx", "4xx", "5xx");

  private PrometheusEndpoint() {}

  /** Serves {@code environment}'s metrics at {@code /prometheus} on the admin port. */
  public static void register(Environment environment) {
    CollectorRegistry registry = new CollectorRegistry();
    registry.register(
        new DropwizardExports(environment.metrics(), new CustomMappingSampleBuilder(rules())));
    environment
        .admin()
        .addServlet("prometheus", new MetricsServlet(registry))
        .addMapping("/prometheus");
  }

  static List<MapperConfig> rules() {
    List<MapperConfig> rules = new ArrayList<>();
    for (String endpoint : ENDPOINTS) {
      rules.add(
          rule(
              RESOURCE + "." + endpoint,
              "addrservice_http_requests_seconds",
              labels("endpoint", endpoint)));
      rules.add(
          rule(
              RESOURCE + "." + endpoint + "-errors.exceptions",
              "addrservice_http_errors",
              labels("endpoint", endpoint)));
    }
    for (String codeClass : CODE_CLASSES) {
      rules.add(
          rule(
              RESOURCE + ".*." + codeClass + "-responses",
              "addrservice_http_responses",
              labels("endpoint", "${0}", "code_class", codeClass)));
      rules.add(
          rule(
              JETTY + "." + codeClass + "-responses",
              "addrservice_http_server_responses",
              labels("code_class", codeClass)));
    }
    rules.add(rule(JETTY + ".requests", "addrservice_http_server_requests_seconds", labels()));
    rules.add(
        rule(
            "addrservice.store.*.*",
            "addrservice_store_operation_seconds",
            labels("store", "${0}", "operation", "${1}")));
    rules.add(
        rule(
            "addrservice.health.*.healthy",
            "addrservice_health_check_healthy",
            labels("check", "${0}")));
    rules.add(pool("active", "addrservice_db_pool_active_connections"));
    rules.add(pool("idle", "addrservice_db_pool_idle_connections"));
    rules.add(pool("size", "addrservice_db_pool_size"));
    rules.add(pool("waiting", "addrservice_db_pool_waiting_threads"));
    rules.add(rule("jvm.gc.*.count", "jvm_gc_collection_count", labels("gc", "${0}")));
    rules.add(rule("jvm.gc.*.time", "jvm_gc_collection_time_ms", labels("gc", "${0}")));
    return rules;
  }

  private static MapperConfig pool(String gauge, String name) {
    return rule(POOL + ".*." + gauge, name, labels("pool", "${0}"));
  }

  private static MapperConfig rule(String match, String name, Map<String, String> labels) {
    return new MapperConfig(match, name, labels);
  }

  /** Labels in the order given, so that every scrape writes them alike. */
  private static Map<String, String> labels(String... namesAndValues) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      labels.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return labels;
  }
}
