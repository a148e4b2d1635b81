package org.addrservice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.addrservice.auth.ApiKeyAuthenticator;
import org.addrservice.testing.CommandLine;
import org.addrservice.testing.CommandLine.Outcome;
import org.addrservice.testing.TestKeys;
import org.junit.jupiter.api.Test;

/** The {@code hash-key} command, run through Dropwizard's real command line. */
class HashKeyCommandTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void aKeyOnStandardInputIsPrintedAsAnEntryToPasteUnderAuthKeys() throws Exception {
    Outcome outcome =
        runWithInput(TestKeys.WRITER + "\n", "hash-key", "--name", "ci", "--role", "writer");

    assertThat(outcome.succeeded()).as(outcome.err()).isTrue();
    JsonNode entry = onlyEntry(outcome.out());
    assertThat(entry.path("name").asText()).isEqualTo("ci");
    assertThat(entry.path("role").asText()).isEqualTo("writer");
    assertThat(entry.path("sha256").asText()).isEqualTo(TestKeys.WRITER_SHA256);
    assertThat(outcome.out() + outcome.err()).doesNotContain(TestKeys.WRITER);
  }

  @Test
  void withoutOptionsTheEntryIsAReaderCalledClient() throws Exception {
    Outcome outcome = runWithInput(TestKeys.READER, "hash-key");

    JsonNode entry = onlyEntry(outcome.out());
    assertThat(entry.path("name").asText()).isEqualTo("client");
    assertThat(entry.path("role").asText()).isEqualTo("reader");
    assertThat(entry.path("sha256").asText()).isEqualTo(TestKeys.READER_SHA256);
  }

  @Test
  void withNothingOnStandardInputANewKeyGoesToStandardErrorAndItsHashToStandardOutput()
      throws Exception {
    Outcome first = runWithInput("", "hash-key");
    Outcome second = runWithInput("", "hash-key");

    String key = newKeyIn(first.err());
    assertThat(Base64.getUrlDecoder().decode(key)).hasSize(HashKeyCommand.NEW_KEY_BYTES);
    assertThat(onlyEntry(first.out()).path("sha256").asText())
        .isEqualTo(ApiKeyAuthenticator.sha256Hex(key));
    assertThat(first.out()).doesNotContain(key);
    assertThat(newKeyIn(second.err())).isNotEqualTo(key);
  }

  @Test
  void anUnknownRoleIsRefused() {
    Outcome outcome = runWithInput(TestKeys.WRITER, "hash-key", "--role", "admin");

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.out()).doesNotContain("sha256");
  }

  /** The entry the command printed, read as YAML like the configuration would read it. */
  private static JsonNode onlyEntry(String out) throws Exception {
    JsonNode entries = YAML.readTree(out);
    assertThat(entries.isArray()).as(out).isTrue();
    assertThat(entries).hasSize(1);
    return entries.get(0);
  }

  private static String newKeyIn(String err) {
    List<String> lines = err.strip().lines().toList();
    String key = lines.get(lines.size() - 1).strip();
    assertThat(key).matches("[A-Za-z0-9_-]{43}");
    return key;
  }

  private static Outcome runWithInput(String input, String... arguments) {
    InputStream systemIn = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return CommandLine.run(arguments);
    } finally {
      System.setIn(systemIn);
    }
  }
}
