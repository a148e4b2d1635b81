package org.addrservice.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.FaultyApplication;
import org.addrservice.testing.Fixtures;
import org.addrservice.testing.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Failures no well-behaved request provokes: a bug in a resource, a 5xx raised by Jersey, a client
 * that hangs up in the middle of its body. The real application runs with one extra resource that
 * fails on purpose.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FaultsApiTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          FaultyApplication.class, Fixtures.path("config/memory.yml").toString());

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aBugAnswers500WithoutItsStackTraceOrMessage() throws Exception {
    HttpResponse<String> answer = get(APP.getLocalPort(), "/faults/bug");
    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Internal Server Error");
    assertThat(body.get("code").asInt()).isEqualTo(500);
    assertThat(answer.body()).doesNotContain("secret", "IllegalState", "\tat ");
  }

  @Test
  void aServerErrorRaisedThroughJerseyKeepsItsCodeInTheJsonBody() throws Exception {
    HttpResponse<String> answer = get(APP.getLocalPort(), "/faults/unavailable");
    assertThat(answer.statusCode()).isEqualTo(503);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Service Unavailable");
    assertThat(body.get("uri").asText()).isEqualTo("/faults/unavailable");
  }

  @Test
  void aClientThatHangsUpMidBodyStoresNothing() throws Exception {
    int before = Fixtures.exactJson(get(APP.getLocalPort(), "/addresses").body()).size();
    RawHttp.Answer answer =
        RawHttp.send(
            APP.getLocalPort(),
            "POST /addresses HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 500\r\n\r\n{\"full_name\": \"Half");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(Fixtures.exactJson(answer.body()).get("code").asInt()).isEqualTo(400);
    assertThat(Fixtures.exactJson(get(APP.getLocalPort(), "/addresses").body()).size())
        .isEqualTo(before);
  }

  @Test
  void anUnknownAdminPathAnswersInJsonToo() throws Exception {
    HttpResponse<String> answer = get(APP.getAdminPort(), "/nothing-here");
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(Fixtures.exactJson(answer.body()).get("message").asText())
        .isEqualTo("Unknown Endpoint");
  }

  @Test
  void theStoreHealthCheckIsGreenOnAWorkingStore() throws Exception {
    HttpResponse<String> answer = get(APP.getAdminPort(), "/healthcheck");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Fixtures.exactJson(answer.body()).at("/store/healthy").asBoolean()).isTrue();
  }

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
