package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.addrservice.core.EntryFixtures;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressEntryTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void ofKeepsTheWholeDocument() {
    JsonNode document = EntryFixtures.tree(EntryFixtures.validEntryFile("full"));

    AddressEntry entry = AddressEntry.of(document);

    assertThat(entry.toJson()).isEqualTo(document);
  }

  @Test
  void fullNameAnswersTheFullNameField() {
    assertThat(EntryFixtures.entry("minimal").fullName()).isEqualTo("Bill Gates");
    assertThat(EntryFixtures.entry("unicode-latin").fullName()).isEqualTo("Zoë Ångström");
    assertThat(EntryFixtures.entry("unicode-cjk-emoji").fullName()).isEqualTo("李小龙 🐉");
  }

  @Test
  void changingTheInputAfterOfDoesNotChangeTheEntry() {
    ObjectNode document = (ObjectNode) EntryFixtures.tree(EntryFixtures.validEntryFile("full"));
    JsonNode original = document.deepCopy();
    AddressEntry entry = AddressEntry.of(document);

    document.put("full_name", "Someone Else");
    document.put("nickname", "x");
    ((ObjectNode) document.get("addresses").get(0)).put("city", "Paris");
    ((ArrayNode) document.get("emails")).removeAll();

    assertThat(entry.toJson()).isEqualTo(original);
    assertThat(entry.fullName()).isEqualTo("Ada Lovelace");
  }

  @Test
  void changingTheOutputOfToJsonDoesNotChangeTheEntry() {
    AddressEntry entry = EntryFixtures.entry("full");
    ObjectNode before = entry.toJson();

    ObjectNode output = entry.toJson();
    output.put("full_name", "Someone Else");
    ((ObjectNode) output.get("addresses").get(1)).put("pincode", 1);
    ((ArrayNode) output.get("phone_numbers")).removeAll();
    output.remove("emails");

    assertThat(entry.toJson()).isEqualTo(before);
    assertThat(entry.fullName()).isEqualTo("Ada Lovelace");
  }

  @Test
  void toJsonAnswersAFreshCopyEachTime() {
    AddressEntry entry = EntryFixtures.entry("minimal");

    assertThat(entry.toJson()).isNotSameAs(entry.toJson()).isEqualTo(entry.toJson());
  }

  @Test
  void entriesOfEqualDocumentsAreEqualAndHashAlike() {
    AddressEntry one = EntryFixtures.entry("full");
    AddressEntry other = AddressEntry.of(EntryFixtures.tree(EntryFixtures.validEntryFile("full")));

    assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
  }

  @Test
  void entriesOfDifferentDocumentsDiffer() {
    AddressEntry entry = EntryFixtures.entry("full");
    ObjectNode changed = entry.toJson();
    ((ObjectNode) changed.get("addresses").get(0)).put("unit_number", 13);

    assertThat(entry).isNotEqualTo(AddressEntry.of(changed));
    assertThat(entry).isNotEqualTo(EntryFixtures.entry("minimal"));
    assertThat(entry).isNotEqualTo(entry.toJson());
    assertThat(entry).isNotEqualTo(null);
  }

  @Test
  void aNumberAndTheSameDigitsAsAStringAreDifferentEntries() {
    ObjectNode asNumber = NODES.objectNode().put("full_name", "x");
    asNumber.putArray("addresses").addObject().put("pincode", 110011);
    ObjectNode asString = NODES.objectNode().put("full_name", "x");
    asString.putArray("addresses").addObject().put("pincode", "110011");

    assertThat(AddressEntry.of(asNumber)).isNotEqualTo(AddressEntry.of(asString));
  }

  @Test
  void toStringShowsTheDocument() {
    assertThat(EntryFixtures.entry("minimal").toString()).contains("Bill Gates");
  }

  @Test
  void ofRejectsNull() {
    assertThatNullPointerException().isThrownBy(() -> AddressEntry.of(null));
  }

  @Test
  void ofRejectsDocumentsThatAreNotObjects() {
    ArrayNode array = NODES.arrayNode();
    array.addObject().put("full_name", "Bill Gates");

    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.of(array));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> AddressEntry.of(NODES.textNode("Bill Gates")));
    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.of(NODES.nullNode()));
    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.of(NODES.numberNode(1)));
    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.of(NODES.missingNode()));
  }

  @Test
  void ofRejectsAnObjectWithoutFullName() {
    ObjectNode document = NODES.objectNode();
    document.putArray("addresses");

    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.of(document));
  }

  @ParameterizedTest
  @ValueSource(strings = {"42", "null", "true", "[\"Bill\"]", "{\"first\": \"Bill\"}"})
  void ofRejectsAFullNameThatIsNotText(String fullName) throws Exception {
    ObjectNode document = NODES.objectNode();
    document.set("full_name", Fixtures.EXACT_JSON.readTree(fullName));

    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.of(document));
  }

  @Test
  void readParsesWhatTheExactWriterWroteIntoAnEqualEntry() throws Exception {
    AddressEntry entry = EntryFixtures.entry("number-or-string-fields");
    String text = ExactJson.WRITER.writeValueAsString(entry);

    assertThat(AddressEntry.read(text)).isEqualTo(entry);
    assertThat(AddressEntry.read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(entry);
  }

  @Test
  void jacksonWritesAnEntryAsItsDocument() throws Exception {
    AddressEntry entry = EntryFixtures.entry("full");

    assertThat(ExactJson.READER.readTree(new ObjectMapper().writeValueAsString(entry)))
        .isEqualTo(entry.toJson());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "null", "{}", "{\"full_name\": 1}", "\"Bill\""})
  void readRejectsTextThatIsNotAnEntry(String text) {
    assertThatIllegalArgumentException().isThrownBy(() -> AddressEntry.read(text));
  }

  @Test
  void readRejectsTextThatIsNotJson() {
    assertThatExceptionOfType(IOException.class).isThrownBy(() -> AddressEntry.read("{\"full"));
  }
}
