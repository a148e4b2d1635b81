package org.addrservice.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.addrservice.core.EntryValidator;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ApiDescriptionTest {

  @Test
  void aDocumentWithoutAPlaceForTheEntrySchemaStopsTheServiceFromStarting() {
    assertThatThrownBy(
            () ->
                new ApiDescription(
                    "/fixtures/openapi/without-entry-schema.json", EntryValidator.SCHEMA_RESOURCE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("components.schemas.AddressEntry");
  }

  @Test
  void aMissingResourceIsNamed() {
    assertThatThrownBy(() -> new ApiDescription("/openapi/nowhere.json", "/nowhere.json"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("/nowhere.json is missing");
  }

  @Test
  void theEmbeddedSchemaReferencesOnlyItsOwnDefinitionsInTheDocument() {
    String openApi = new String(new ApiDescription().openApi(), StandardCharsets.UTF_8);

    assertThat(
            Fixtures.exactJson(openApi)
                .at("/components/schemas/AddressEntry")
                .findValuesAsText("$ref"))
        .isNotEmpty()
        .allSatisfy(ref -> assertThat(ref).startsWith("#/components/schemas/AddressEntry/$defs/"));
  }

  @Test
  void callersCannotChangeWhatIsServed() {
    ApiDescription description = new ApiDescription();
    description.entrySchema()[0] = 'x';
    description.openApi()[0] = 'x';

    assertThat(description.entrySchema()[0]).isEqualTo((byte) '{');
    assertThat(description.openApi()[0]).isEqualTo((byte) '{');
  }
}
