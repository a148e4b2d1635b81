package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Configs;
import org.junit.jupiter.api.Test;

/**
 * The bind addresses and headers of every configuration the project ships, loaded as the service
 * loads them: the admin port (thread dumps, tasks) is reachable from the host itself only, the API
 * leaves the host only in the ops configurations, and no connector names the server's version.
 */
class ShippedConfigsTest {

  /** A variable without a default, {@code ${NAME}}: the loader refuses to go on without it. */
  private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

  @Test
  void everyShippedConfigBindsTheAdminPortToLoopbackOnly() {
    Map<String, AddrServiceConfiguration> configs = shippedConfigs();

    assertThat(configs).containsKeys("config.yml", "ops/config-tls.yml", "ops/k8s/configmap.yaml");
    configs.forEach(
        (name, config) ->
            assertThat(connectors(config, false))
                .as(name)
                .isNotEmpty()
                .allSatisfy(admin -> assertThat(admin.getBindHost()).isEqualTo("127.0.0.1")));
  }

  @Test
  void theLocalConfigBindsTheApiToLoopbackAndOnlyOpsConfigsBindItToEveryInterface() {
    shippedConfigs()
        .forEach(
            (name, config) ->
                assertThat(connectors(config, true))
                    .as(name)
                    .isNotEmpty()
                    .allSatisfy(
                        api ->
                            assertThat(api.getBindHost())
                                .isEqualTo(name.startsWith("ops/") ? "0.0.0.0" : "127.0.0.1")));
  }

  @Test
  void noShippedConnectorSendsAServerBanner() {
    shippedConfigs()
        .forEach(
            (name, config) -> {
              List<HttpConnectorFactory> all =
                  Stream.concat(
                          connectors(config, true).stream(), connectors(config, false).stream())
                      .toList();
              assertThat(all).as(name).noneMatch(HttpConnectorFactory::isUseServerHeader);
            });
  }

  @Test
  void everyShippedConfigHasTheThreadPoolOfAConfigWithoutAServerSection() {
    DefaultServerFactory defaults =
        (DefaultServerFactory) new AddrServiceConfiguration().getServerFactory();
    shippedConfigs()
        .forEach(
            (name, config) -> {
              DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
              assertThat(server.getMaxThreads()).as(name).isEqualTo(defaults.getMaxThreads());
              assertThat(server.getMinThreads()).as(name).isEqualTo(defaults.getMinThreads());
              assertThat(server.getIdleThreadTimeout())
                  .as(name)
                  .isEqualTo(defaults.getIdleThreadTimeout());
            });
  }

  @Test
  void noShippedConfigAllowsACrossOriginCaller() {
    shippedConfigs()
        .forEach(
            (name, config) -> assertThat(config.getCors().getAllowedOrigins()).as(name).isEmpty());
  }

  @Test
  void withoutAServerSectionBothPortsListenOnLoopbackWithoutABanner() {
    AddrServiceConfiguration defaults = new AddrServiceConfiguration();

    assertThat(
            Stream.concat(
                connectors(defaults, true).stream(), connectors(defaults, false).stream()))
        .hasSize(2)
        .allSatisfy(
            connector -> {
              assertThat(connector.getBindHost()).isEqualTo("127.0.0.1");
              assertThat(connector.isUseServerHeader()).isFalse();
            });
  }

  /** config.yml, every service configuration under ops/, and the Kubernetes ConfigMap's. */
  static Map<String, AddrServiceConfiguration> shippedConfigs() {
    try (Stream<Path> ops = Files.list(OpsKit.OPS)) {
      Map<String, AddrServiceConfiguration> configs = new LinkedHashMap<>();
      configs.put("config.yml", load(Path.of("config.yml")));
      for (Path file : ops.filter(ShippedConfigsTest::isServiceConfig).sorted().toList()) {
        configs.put("ops/" + file.getFileName(), load(file));
      }
      configs.put("ops/k8s/configmap.yaml", OpsKit.loadConfigMapConfig());
      return configs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static boolean isServiceConfig(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith("config") && name.endsWith(".yml");
  }

  /** Loads {@code file} with a stand-in value for every variable it requires from outside. */
  private static AddrServiceConfiguration load(Path file) throws Exception {
    String yaml = OpsKit.read(file);
    Map<String, String> environment = new HashMap<>();
    Matcher variable = REQUIRED_VARIABLE.matcher(yaml);
    while (variable.find()) {
      String name = variable.group(1);
      environment.put(name, "stand-in-" + name);
    }
    // Key hashes must be well formed and differ from each other.
    environment.putAll(OpsKit.testKeyHashes());
    return Configs.load(yaml, environment);
  }

  private static List<HttpConnectorFactory> connectors(
      AddrServiceConfiguration config, boolean application) {
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    List<ConnectorFactory> connectors =
        application ? server.getApplicationConnectors() : server.getAdminConnectors();
    return connectors.stream().map(HttpConnectorFactory.class::cast).toList();
  }
}
