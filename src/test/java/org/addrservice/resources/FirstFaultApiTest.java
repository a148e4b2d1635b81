package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.addrservice.AddrServiceApplication;
import org.addrservice.AddrServiceConfiguration;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request with several faults is answered for the first, in the order the service checks them:
 * the id, then a required version condition, then the body, then the key of a create before its
 * body.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class FirstFaultApiTest {

  private static final DropwizardAppExtension<AddrServiceConfiguration> APP =
      new DropwizardAppExtension<>(
          AddrServiceApplication.class,
          Fixtures.path("config/memory.yml").toString(),
          ConfigOverride.config("conditionalWrites.requireIfMatch", "true"));

  private static final String UNKNOWN = "/addresses/0123456789abcdef0123456789abcdef";

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aWriteToAMalformedIdWithABodyThatIsNotJsonAnswers404() throws Exception {
    assertAnswer(send("PUT", "/addresses/a.b", "application/json", "not json", "*"), 404);
    assertAnswer(send("PATCH", "/addresses/a.b", "application/merge-patch+json", "{", "*"), 404);
  }

  @Test
  void aWriteWithoutARequiredIfMatchWithABodyThatIsNotJsonAnswers428() throws Exception {
    assertAnswer(send("PUT", UNKNOWN, "application/json", "not json", null), 428);
    assertAnswer(send("PATCH", UNKNOWN, "application/merge-patch+json", "{", null), 428);
  }

  @Test
  void aWriteWithABodyThatIsNotJsonToAnUnknownIdAnswers400() throws Exception {
    assertAnswer(send("PUT", UNKNOWN, "application/json", "not json", "*"), 400);
  }

  @Test
  void aCreateWithAMalformedKeyAndABodyThatIsNotJsonAnswersForTheKey() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/addresses"))
            .POST(HttpRequest.BodyPublishers.ofString("not json"))
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "with space")
            .build();

    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertAnswer(answer, 400);
    assertThat(Fixtures.exactJson(answer.body()).get("message").asText())
        .isEqualTo("Invalid Idempotency-Key header");
  }

  private static void assertAnswer(HttpResponse<String> answer, int status) {
    assertThat(answer.statusCode()).isEqualTo(status);
    JsonNode body = Fixtures.exactJson(answer.body());
    assertThat(body.get("code").asInt()).isEqualTo(status);
  }

  private HttpResponse<String> send(
      String method, String path, String type, String body, String ifMatch) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", type);
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + APP.getLocalPort() + path);
  }
}
