package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.auth.AuthFactory;
import org.addrservice.auth.KeyHash;
import org.addrservice.auth.Role;
import org.addrservice.testing.Configs;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which shipped configuration demands API keys: none locally, where the API listens on 127.0.0.1
 * only, and every one under {@code ops/}, with the keys' hashes from the environment.
 */
class ShippedConfigsAuthTest {

  /** The ConfigMap's configuration, and every service configuration at the top of ops/. */
  static Stream<String> opsConfigs() throws IOException {
    try (Stream<Path> ops = Files.list(OpsKit.OPS)) {
      List<String> files =
          ops.filter(file -> file.toString().endsWith(".yml")).sorted().map(OpsKit::read).toList();
      return Stream.concat(Stream.of(OpsKit.configMapConfig()), files.stream());
    }
  }

  @Test
  void theLocalConfigTurnsAuthOffAndListensOnLoopbackOnly() throws Exception {
    AddrServiceConfiguration config = Configs.load(OpsKit.read(Path.of("config.yml")), Map.of());

    assertThat(config.getAuth().isEnabled()).isFalse();
    DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
    assertThat(server.getApplicationConnectors())
        .allSatisfy(
            connector ->
                assertThat(((HttpConnectorFactory) connector).getBindHost())
                    .isEqualTo("127.0.0.1"));
  }

  @ParameterizedTest
  @MethodSource("opsConfigs")
  void everyOpsConfigTurnsAuthOnWithAWriterAndAReaderFromTheEnvironment(String yaml)
      throws Exception {
    AuthFactory auth = Configs.load(yaml, environment()).getAuth();

    assertThat(auth.isEnabled()).isTrue();
    assertThat(auth.getKeys())
        .containsExactlyInAnyOrder(
            new KeyHash("writer", Role.WRITER, TestKeys.WRITER_SHA256),
            new KeyHash("reader", Role.READER, TestKeys.READER_SHA256));
  }

  @ParameterizedTest
  @MethodSource("opsConfigs")
  void everyOpsConfigRefusesToLoadWithoutTheKeyHashes(String yaml) {
    Map<String, String> withoutHashes = environment();
    withoutHashes.remove(OpsKit.READER_KEY_HASH);

    assertThatThrownBy(() -> Configs.load(yaml, withoutHashes))
        .hasMessageContaining(OpsKit.READER_KEY_HASH);
  }

  @Test
  void theKubernetesSecretsPlaceholdersAreValidHashesThatNoTestKeyMatches() throws Exception {
    AuthFactory auth = OpsKit.loadConfigMapConfig().getAuth();

    assertThat(auth.getKeys())
        .extracting(KeyHash::sha256)
        .hasSize(2)
        .doesNotContain(TestKeys.WRITER_SHA256, TestKeys.READER_SHA256);
    assertThat(OpsKit.podEnvironment())
        .containsKeys(OpsKit.WRITER_KEY_HASH, OpsKit.READER_KEY_HASH);
  }

  private static Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(OpsKit.podEnvironment());
    environment.putAll(OpsKit.testKeyHashes());
    // config-tls.yml also needs its key store's password to load.
    environment.put("ADDRSERVICE_KEYSTORE_PASSWORD", "stand-in");
    return environment;
  }
}
