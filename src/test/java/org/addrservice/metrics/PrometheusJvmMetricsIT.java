package org.addrservice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.PrometheusText;
import org.addrservice.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /prometheus} of the packaged jar, which alone has the JVM's metrics (the server command
 * registers them; the in-process test application does not): the whole exposition is strictly well
 * formed and carries the agreed JVM names.
 */
class PrometheusJvmMetricsIT {

  @TempDir Path directory;

  @Test
  void thePackagedServiceExposesHeapGcAndThreadMetrics() throws Exception {
    try (ServiceProcess service =
        ServiceProcess.start(
            Fixtures.path("config/process-sqlite.yml"),
            ServiceProcess.logFile("prometheus-jvm-metrics"),
            "dw.store.file=" + directory.resolve("addressbook.db"))) {
      HttpResponse<String> scraped =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(service.adminUri("/prometheus"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(scraped.statusCode()).isEqualTo(200);

      PrometheusText text = PrometheusText.parse(scraped.body());

      assertThat(text.value("jvm_memory_heap_used"))
          .hasValueSatisfying(b -> assertThat(b).isPositive());
      assertThat(text.value("jvm_memory_heap_committed"))
          .hasValueSatisfying(b -> assertThat(b).isPositive());
      assertThat(text.value("jvm_memory_heap_max")).isPresent();
      assertThat(text.value("jvm_threads_count"))
          .hasValueSatisfying(n -> assertThat(n).isPositive());
      assertThat(text.value("jvm_threads_deadlock_count")).contains(0.0);
      assertThat(text.types())
          .containsEntry("jvm_gc_collection_count", "gauge")
          .containsEntry("jvm_gc_collection_time_ms", "gauge");
      assertThat(text.series().keySet())
          .filteredOn(series -> series.startsWith("jvm_gc_collection_count{gc=\""))
          .isNotEmpty();
      assertThat(text.series().keySet())
          .filteredOn(series -> series.startsWith("jvm_gc_collection_time_ms{gc=\""))
          .isNotEmpty();
      assertThat(text.sampleNames())
          .filteredOn(name -> name.startsWith("jvm_gc_"))
          .containsOnly("jvm_gc_collection_count", "jvm_gc_collection_time_ms");
      assertThat(text.value("addrservice_db_pool_size", "pool", "sqlite")).isPresent();
    }
  }
}
