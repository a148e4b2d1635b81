package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.store.sql.PostgresStoreFactory;
import org.addrservice.testing.Configs;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/k8s: the probes, ports and shutdown timing of the Deployment agree with the configuration in
 * the ConfigMap, that configuration is one the service accepts, and the probe commands succeed
 * against a running service.
 */
class KubernetesManifestsTest {

  private static final List<String> PROBES =
      List.of("startupProbe", "livenessProbe", "readinessProbe");

  @Test
  void configMapHoldsAValidPostgresConfigurationOnceTheSecretsPasswordIsSet() throws Exception {
    AddrServiceConfiguration config = OpsKit.loadConfigMapConfig();

    assertThat(config.getStore()).isInstanceOf(PostgresStoreFactory.class);
    assertThat(((DataSourceFactory) config.getStore().database().orElseThrow()).getPassword())
        .isEqualTo(OpsKit.manifest("secret.yaml").at("/stringData/password").asText());
  }

  @Test
  void configMapConfigurationRefusesToLoadWithoutThePassword() {
    Map<String, String> withoutSecret = new HashMap<>(OpsKit.podEnvironment());
    withoutSecret.remove("ADDRSERVICE_DB_PASSWORD");

    assertThatThrownBy(() -> Configs.load(OpsKit.configMapConfig(), withoutSecret))
        .hasMessageContaining("ADDRSERVICE_DB_PASSWORD");
  }

  @Test
  void probesRunTheImagesHealthcheckScriptAgainstTheConfiguredAdminPort() throws Exception {
    DefaultServerFactory server =
        (DefaultServerFactory) OpsKit.loadConfigMapConfig().getServerFactory();
    int probedPort =
        Integer.parseInt(
            OpsKit.podEnvironment()
                .getOrDefault(
                    "ADDRSERVICE_ADMIN_PORT",
                    String.valueOf(DockerImageTest.healthcheckDefaultAdminPort())));

    for (String probe : PROBES) {
      assertThat(OpsKit.container().at("/" + probe + "/httpGet").isMissingNode())
          .as(probe + " cannot reach a loopback-only admin port from the node")
          .isTrue();
      assertThat(probeCommand(probe).get(0))
          .as(probe)
          .isEqualTo(DockerImageTest.imageHealthcheckPath());
    }
    assertThat(probedPort).isEqualTo(onlyPort(server.getAdminConnectors()));
    assertThat(containerPorts().get("http")).isEqualTo(onlyPort(server.getApplicationConnectors()));
    assertThat(containerPorts()).doesNotContainKey("admin");
  }

  @Test
  void theApiListensOnThePodAddressAndTheAdminPortOnItsLoopbackOnly() throws Exception {
    DefaultServerFactory server =
        (DefaultServerFactory) OpsKit.loadConfigMapConfig().getServerFactory();

    assertThat(bindHost(server.getAdminConnectors())).isEqualTo("127.0.0.1");
    assertThat(bindHost(server.getApplicationConnectors())).isEqualTo("0.0.0.0");
  }

  @Test
  void serviceExposesTheApiPortOnly() {
    JsonNode ports = OpsKit.manifest("service.yaml").at("/spec/ports");

    assertThat(ports).hasSize(1);
    assertThat(ports.get(0).path("targetPort").asText()).isEqualTo("http");
    assertThat(ports.get(0).path("port").asInt()).isEqualTo(containerPorts().get("http"));
    assertThat(OpsKit.manifest("service.yaml").at("/spec/selector"))
        .isEqualTo(OpsKit.deployment().at("/spec/template/metadata/labels"));
  }

  @Test
  void readinessAsksTheReadinessCheckAndLivenessOnlyWhetherTheProcessAnswers() {
    assertThat(probeCommand("readinessProbe").subList(1, 2)).containsExactly("ready");
    assertThat(probeCommand("livenessProbe").subList(1, 2)).containsExactly("alive");
    assertThat(probeCommand("startupProbe").subList(1, 2)).containsExactly("alive");
  }

  @Test
  void everyProbeCommandSucceedsInsideAPodRunningTheServiceAndFailsWhenItIsGone(@TempDir Path dir)
      throws Exception {
    Path config = OpsKit.runnableConfigMapConfig(dir, OpsKit.sqliteStore(dir));
    DropwizardTestSupport<AddrServiceConfiguration> service = OpsKit.start(config);
    int adminPort = service.getAdminPort();
    try {
      for (String probe : PROBES) {
        assertThat(runProbe(probe, adminPort)).as(probe).isZero();
      }
    } finally {
      service.after();
    }
    for (String probe : PROBES) {
      assertThat(runProbe(probe, adminPort)).as(probe + " once stopped").isNotZero();
    }
  }

  @Test
  void theApiOfAPodDemandsAKeyFromTheSecretsHashes(@TempDir Path dir) throws Exception {
    Path config = OpsKit.runnableConfigMapConfig(dir, OpsKit.sqliteStore(dir));
    DropwizardTestSupport<AddrServiceConfiguration> service = OpsKit.start(config);
    try {
      HttpClient http = HttpClient.newHttpClient();
      URI book = URI.create("http://127.0.0.1:" + service.getLocalPort() + "/addresses");
      HttpResponse<String> anonymous =
          http.send(HttpRequest.newBuilder(book).build(), HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> reader =
          http.send(
              HttpRequest.newBuilder(book)
                  .header("Authorization", TestKeys.bearer(TestKeys.READER))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(reader.statusCode()).isEqualTo(200);
    } finally {
      service.after();
    }
  }

  @Test
  void podsOutliveTheServicesOwnStop() throws Exception {
    long stopSeconds = OpsKit.stopDuration(OpsKit.loadConfigMapConfig()).toSeconds();

    assertThat(stopSeconds).isPositive();
    assertThat(OpsKit.deployment().at("/spec/template/spec/terminationGracePeriodSeconds").asLong())
        .isGreaterThan(stopSeconds);
  }

  @Test
  void rolloutsAndDrainsKeepAnInstanceServing() {
    JsonNode spec = OpsKit.deployment().path("spec");
    JsonNode budget = OpsKit.manifest("pdb.yaml").path("spec");

    assertThat(spec.path("replicas").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
    assertThat(budget.path("minAvailable").asInt()).isEqualTo(1);
    assertThat(budget.at("/selector/matchLabels")).isEqualTo(spec.at("/template/metadata/labels"));
  }

  @Test
  void containerRunsUnprivilegedOnAReadOnlyRootFileSystem() {
    JsonNode security = OpsKit.container().path("securityContext");

    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(security.at("/capabilities/drop").get(0).asText()).isEqualTo("ALL");
    assertThat(OpsKit.deployment().at("/spec/template/spec/securityContext/runAsUser").asInt())
        .isEqualTo(DockerImageTest.imageUid());
  }

  @Test
  void memoryLimitLeavesRoomBeyondTheHeap() {
    long heapMib = JvmSettings.maxHeapMebibytes(JvmSettings.kubernetes());
    JsonNode resources = OpsKit.container().path("resources");

    assertThat(resources.at("/limits/memory").asText()).endsWith("Mi");
    long limitMib = Long.parseLong(resources.at("/limits/memory").asText().replace("Mi", ""));
    assertThat(limitMib).isGreaterThanOrEqualTo(2 * heapMib);
    assertThat(resources.at("/requests/memory").asText()).isNotEmpty();
    assertThat(resources.at("/requests/cpu").asText()).isNotEmpty();
    assertThat(resources.at("/limits/cpu").asText()).isNotEmpty();
  }

  /** The probe's command, its script being the shipped one in place of the image's copy. */
  private static List<String> probeCommand(String probe) {
    JsonNode command = OpsKit.container().at("/" + probe + "/exec/command");
    assertThat(command.isArray()).as(probe + " is an exec probe").isTrue();
    List<String> words = new ArrayList<>();
    command.forEach(word -> words.add(word.asText()));
    return words;
  }

  private static int runProbe(String probe, int adminPort) throws Exception {
    List<String> command = probeCommand(probe);
    return DockerImageTest.runHealthcheck(
        adminPort, command.subList(1, command.size()).toArray(String[]::new));
  }

  private static Map<String, Integer> containerPorts() {
    Map<String, Integer> ports = new HashMap<>();
    for (JsonNode port : OpsKit.container().path("ports")) {
      ports.put(port.path("name").asText(), port.path("containerPort").asInt());
    }
    return ports;
  }

  private static int onlyPort(List<ConnectorFactory> connectors) {
    assertThat(connectors).hasSize(1);
    return ((HttpConnectorFactory) connectors.get(0)).getPort();
  }

  private static String bindHost(List<ConnectorFactory> connectors) {
    assertThat(connectors).hasSize(1);
    return ((HttpConnectorFactory) connectors.get(0)).getBindHost();
  }

  static JsonNode envValue(String name) {
    return StreamSupport.stream(OpsKit.container().path("env").spliterator(), false)
        .filter(variable -> variable.path("name").asText().equals(name))
        .findFirst()
        .map(variable -> variable.path("value"))
        .orElseThrow(() -> new AssertionError("the container has no " + name));
  }
}
