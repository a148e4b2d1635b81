package org.addrservice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.annotation.Timed;
import io.prometheus.client.Collector.MetricFamilySamples.Sample;
import io.prometheus.client.dropwizard.samplebuilder.CustomMappingSampleBuilder;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.addrservice.resources.AddressBookResource;
import org.junit.jupiter.api.Test;

/** The mapping rules, on names the HTTP test cannot rely on seeing. */
class PrometheusEndpointTest {

  private final CustomMappingSampleBuilder builder =
      new CustomMappingSampleBuilder(PrometheusEndpoint.rules());

  @Test
  void everyTimedResourceMethodHasItsRules() {
    List<String> timed =
        Arrays.stream(AddressBookResource.class.getMethods())
            .filter(method -> method.isAnnotationPresent(Timed.class))
            .map(PrometheusEndpointTest::timerName)
            .toList();

    assertThat(timed).containsExactlyInAnyOrderElementsOf(PrometheusEndpoint.ENDPOINTS);
  }

  @Test
  void healthGaugesBecomeOneFamilyLabelledByCheck() {
    Sample sample =
        builder.createSample("addrservice.health.deadlocks.healthy", "", List.of(), List.of(), 1);

    assertThat(sample.name).isEqualTo("addrservice_health_check_healthy");
    assertThat(sample.labelNames).containsExactly("check");
    assertThat(sample.labelValues).containsExactly("deadlocks");
  }

  @Test
  void postgresPoolGaugesAreLabelledByPool() {
    Sample sample =
        builder.createSample(
            "io.dropwizard.db.ManagedPooledDataSource.postgres.waiting",
            "",
            List.of(),
            List.of(),
            0);

    assertThat(sample.name).isEqualTo("addrservice_db_pool_waiting_threads");
    assertThat(sample.labelNames).containsExactly("pool");
    assertThat(sample.labelValues).containsExactly("postgres");
  }

  @Test
  void otherMetricsKeepTheBridgesDefaultName() {
    Sample sample = builder.createSample("jvm.memory.heap.used", "", List.of(), List.of(), 1);

    assertThat(sample.name).isEqualTo("jvm_memory_heap_used");
    assertThat(sample.labelNames).isEmpty();
  }

  private static String timerName(Method method) {
    return method.getAnnotation(Timed.class).name();
  }
}
