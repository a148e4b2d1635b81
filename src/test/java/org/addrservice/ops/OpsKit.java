package org.addrservice.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.health.DefaultHealthFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.util.Duration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Configs;
import org.addrservice.testing.TestKeys;

/**
 * The files under {@code ops/} as the tools that use them read them: Kubernetes manifests as YAML
 * documents, the ConfigMap's {@code config.yml} as the service loads it (environment variables
 * substituted, the pod's environment standing in for the process's).
 */
final class OpsKit {

  static final Path OPS = Path.of("ops");
  static final YAMLMapper YAML = new YAMLMapper();

  static final String WRITER_KEY_HASH = "ADDRSERVICE_WRITER_KEY_SHA256";
  static final String READER_KEY_HASH = "ADDRSERVICE_READER_KEY_SHA256";

  /** The manifests of the Secrets the Deployment's environment refers to. */
  private static final List<String> SECRETS = List.of("secret.yaml", "api-keys.yaml");

  private OpsKit() {}

  /** Every document of a YAML file (Kubernetes manifests may hold several). */
  static List<JsonNode> yamlDocuments(Path file) {
    try (var parser = new YAMLFactory().createParser(file.toFile())) {
      List<JsonNode> documents = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(documents::add);
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The only document of a manifest under {@code ops/k8s/}. */
  static JsonNode manifest(String name) {
    List<JsonNode> documents = yamlDocuments(OPS.resolve("k8s").resolve(name));
    if (documents.size() != 1) {
      throw new AssertionError(name + " should hold one document, not " + documents.size());
    }
    return documents.get(0);
  }

  static JsonNode deployment() {
    return manifest("deployment.yaml");
  }

  static JsonNode container() {
    JsonNode containers = deployment().at("/spec/template/spec/containers");
    if (containers.size() != 1) {
      throw new AssertionError("the pod should run one container, not " + containers.size());
    }
    return containers.get(0);
  }

  /** The service configuration the ConfigMap mounts as {@code /etc/addrservice/config.yml}. */
  static String configMapConfig() {
    return manifest("configmap.yaml").at("/data/config.yml").asText();
  }

  /**
   * The container's environment: literal values, and values taken from the Secret of {@code
   * secret.yaml} when the reference names that Secret and one of its keys.
   */
  static Map<String, String> podEnvironment() {
    Map<String, JsonNode> secrets = new HashMap<>();
    for (String file : SECRETS) {
      JsonNode secret = manifest(file);
      secrets.put(secret.at("/metadata/name").asText(), secret.path("stringData"));
    }
    Map<String, String> environment = new HashMap<>();
    for (JsonNode variable : container().path("env")) {
      String name = variable.path("name").asText();
      if (variable.has("value")) {
        environment.put(name, variable.path("value").asText());
      }
      JsonNode reference = variable.at("/valueFrom/secretKeyRef");
      JsonNode data = secrets.get(reference.path("name").asText());
      if (!reference.isMissingNode() && data != null && data.has(reference.path("key").asText())) {
        environment.put(name, data.path(reference.path("key").asText()).asText());
      }
    }
    return environment;
  }

  /**
   * The API keys' hash variables set to the hashes of the test keys ({@link TestKeys}), so that a
   * test can send requests to a service running an {@code ops/} configuration.
   */
  static Map<String, String> testKeyHashes() {
    return Map.of(
        WRITER_KEY_HASH, TestKeys.WRITER_SHA256,
        READER_KEY_HASH, TestKeys.READER_SHA256);
  }

  static AddrServiceConfiguration loadConfigMapConfig() throws IOException, ConfigurationException {
    return Configs.load(configMapConfig(), podEnvironment());
  }

  /** How long the service takes to stop at most: the health module's wait, then the grace. */
  static Duration stopDuration(AddrServiceConfiguration config) {
    long wait =
        config
            .getHealthFactory()
            .filter(DefaultHealthFactory.class::isInstance)
            .map(DefaultHealthFactory.class::cast)
            .filter(health -> health.isEnabled() && health.isDelayedShutdownHandlerEnabled())
            .map(health -> health.getShutdownWaitPeriod().toMilliseconds())
            .orElse(0L);
    long grace =
        ((AbstractServerFactory) config.getServerFactory())
            .getShutdownGracePeriod()
            .toMilliseconds();
    return Duration.milliseconds(wait + grace);
  }

  /**
   * The ConfigMap's configuration, made runnable in a test: the pod's environment substituted with
   * the test keys' hashes in place of the Secret's placeholders, both connectors on free loopback
   * ports, and {@code store} in place of PostgreSQL. Everything else (health, limits, auth...) is
   * what the pods run with.
   */
  static Path runnableConfigMapConfig(Path dir, JsonNode store) {
    Map<String, String> environment = new HashMap<>(podEnvironment());
    environment.putAll(testKeyHashes());
    return runnableConfig(configMapConfig(), environment, dir, store);
  }

  /**
   * {@code yaml} made runnable in a test the same way as {@link #runnableConfigMapConfig}, with
   * {@code environment} substituted.
   */
  static Path runnableConfig(
      String yaml, Map<String, String> environment, Path dir, JsonNode store) {
    try {
      String substituted = Configs.substitute(yaml, environment);
      ObjectNode config = (ObjectNode) YAML.readTree(substituted);
      for (String connectors : List.of("applicationConnectors", "adminConnectors")) {
        StreamSupport.stream(config.path("server").path(connectors).spliterator(), false)
            .map(ObjectNode.class::cast)
            .forEach(connector -> connector.put("bindHost", "127.0.0.1").put("port", 0));
      }
      config.set("store", store);
      if (config.path("health") instanceof ObjectNode health) {
        // Jetty's shutdown thread keeps every started delayed-shutdown handler and runs each at
        // JVM exit, waiting this long: ten seconds per service started would stall the test JVM.
        health.put("shutdownWaitPeriod", "100ms");
      }
      ((ObjectNode) config.path("logging")).put("level", "WARN");
      Path file = dir.resolve("config.yml");
      YAML.writeValue(file.toFile(), config);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A SQLite store in {@code dir}: a SQL store, so the pool's metrics exist too. */
  static JsonNode sqliteStore(Path dir) {
    return YAML.createObjectNode()
        .put("type", "sqlite")
        .put("file", dir.resolve("addressbook.db").toString());
  }

  /** Starts the service in this JVM on {@code config}; {@code after()} stops it. */
  static DropwizardTestSupport<AddrServiceConfiguration> start(Path config) throws Exception {
    DropwizardTestSupport<AddrServiceConfiguration> service =
        new DropwizardTestSupport<>(AddrServiceApplication.class, config.toString());
    service.before();
    return service;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
