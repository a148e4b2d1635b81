package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Configs;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ops/config-tls.yml, run: the JDK's keytool makes a throw-away key store, the service loads it
 * through the environment variables the file names, and clients talk to the API over TLS.
 */
class TlsConfigTest {

  private static final String PASSWORD = "throw-away-" + System.nanoTime();

  @TempDir static Path dir;

  private static DropwizardTestSupport<AddrServiceConfiguration> service;

  private static SSLContext trustingTheServer;

  @BeforeAll
  static void startWithAFreshKeyStore() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    generateKeyStore(keyStore);
    trustingTheServer = trusting(keyStore);
    Map<String, String> environment = new HashMap<>(OpsKit.testKeyHashes());
    environment.put("ADDRSERVICE_KEYSTORE_PATH", keyStore.toString());
    environment.put("ADDRSERVICE_KEYSTORE_PASSWORD", PASSWORD);
    Path config =
        OpsKit.runnableConfig(
            OpsKit.read(OpsKit.OPS.resolve("config-tls.yml")),
            environment,
            dir,
            OpsKit.sqliteStore(dir));
    service = OpsKit.start(config);
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.after();
    }
  }

  @Test
  void clientsTrustingTheCertificateTalkToTheApiOverTls() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(trustingTheServer).build();

    HttpResponse<String> answer =
        client.send(
            HttpRequest.newBuilder(api("https"))
                .header("Authorization", TestKeys.bearer(TestKeys.READER))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.sslSession()).isPresent();
    assertThat(answer.sslSession().orElseThrow().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
    assertThat(answer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(answer.headers().firstValue("Server")).isEmpty();
  }

  @Test
  void clientsThatDoNotTrustTheCertificateAreRefusedTheHandshake() {
    HttpClient client = HttpClient.newHttpClient();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(api("https"))
                        .header("Authorization", TestKeys.bearer(TestKeys.READER))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpToTheTlsPortGetsNoAnswer() {
    HttpClient client = HttpClient.newHttpClient();

    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(api("http")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  @Test
  void theAdminPortStaysPlainHttpOnLoopback() throws Exception {
    HttpResponse<String> ping =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.getAdminPort() + "/ping"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(ping.statusCode()).isEqualTo(200);
  }

  @Test
  void theConfigRefusesToLoadWithoutTheKeyStorePassword() {
    String yaml = OpsKit.read(OpsKit.OPS.resolve("config-tls.yml"));

    Map<String, String> keyHashesOnly = OpsKit.testKeyHashes();
    Map<String, String> emptyPassword = new HashMap<>(keyHashesOnly);
    emptyPassword.put("ADDRSERVICE_KEYSTORE_PASSWORD", "");

    assertThatThrownBy(() -> Configs.load(yaml, keyHashesOnly))
        .hasMessageContaining("ADDRSERVICE_KEYSTORE_PASSWORD");
    assertThatThrownBy(() -> Configs.load(yaml, emptyPassword))
        .hasMessageContaining("keyStorePassword");
  }

  private static URI api(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + service.getLocalPort() + "/addresses");
  }

  /** A self-signed key pair for 127.0.0.1, made by the keytool of the JDK running the test. */
  private static void generateKeyStore(Path keyStore) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "addrservice",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-validity",
                    "1",
                    "-dname",
                    "CN=127.0.0.1",
                    "-ext",
                    "SAN=ip:127.0.0.1,dns:localhost",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    keyStore.toString(),
                    "-storepass",
                    PASSWORD,
                    "-keypass",
                    PASSWORD))
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("keytool did not finish within 60 seconds");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(keyStore).isRegularFile();
  }

  /** An SSL context that trusts exactly the certificate in {@code keyStore}. */
  private static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      server.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = server.getCertificate("addrservice");
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("addrservice", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
