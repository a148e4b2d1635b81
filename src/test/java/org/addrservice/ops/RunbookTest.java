package org.addrservice.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Every alert leads to a section of ops/RUNBOOK.md that says what to do about it. */
class RunbookTest {

  @Test
  void everyAlertLinksToItsOwnSectionOfTheRunbook() {
    String runbook = OpsKit.read(OpsKit.OPS.resolve("RUNBOOK.md"));
    JsonNode groups =
        OpsKit.yamlDocuments(OpsKit.OPS.resolve("prometheus").resolve("alerts.yml"))
            .get(0)
            .path("groups");
    int alerts = 0;
    for (JsonNode group : groups) {
      for (JsonNode rule : group.path("rules")) {
        String alert = rule.path("alert").asText();
        assertThat(rule.at("/annotations/runbook_url").asText())
            .as(alert)
            .isEqualTo("ops/RUNBOOK.md#" + alert.toLowerCase(Locale.ROOT));
        assertThat(runbook).as(alert).contains("\n### " + alert + "\n\n**Meaning.**");
        assertThat(rule.path("labels").path("severity").asText()).as(alert).isNotEmpty();
        alerts++;
      }
    }
    assertThat(alerts).isGreaterThanOrEqualTo(4);
    assertThat(Path.of("ops", "README.md")).content().contains("(RUNBOOK.md)");
  }
}
