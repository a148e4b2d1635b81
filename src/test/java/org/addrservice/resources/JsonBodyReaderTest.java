package org.addrservice.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Stream;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.EntryFixtures;
import org.addrservice.core.EntryValidator;
import org.addrservice.core.InvalidEntryException;
import org.addrservice.core.UnstorableTextException;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;
import org.addrservice.store.memory.MemoryStore;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How a body becomes an entry: read by the web edge, then checked by the book. */
class JsonBodyReaderTest {

  private static final int LIMIT = 64 * 1024;

  /** A plain mapper, as any client would use to write the entry out. */
  private static final ObjectMapper PLAIN_JSON = new ObjectMapper();

  private final EntryValidator validator = new EntryValidator();
  private final BodyToEntry reader = new BodyToEntry(validator, LIMIT);

  static Stream<Named<Path>> validFiles() {
    return EntryFixtures.validEntryFiles().stream()
        .map(file -> Named.of(EntryFixtures.nameOf(file), file));
  }

  @ParameterizedTest
  @MethodSource("validFiles")
  void readsAnEntryExactlyAsTheBodyHoldsIt(Path file) throws IOException {
    JsonNode expected = EntryFixtures.tree(file);

    AddressEntry entry;
    try (InputStream body = Files.newInputStream(file)) {
      entry = reader.read(body);
    }

    assertThat(entry.toJson()).isEqualTo(expected);
    assertSameTypesAndText(entry.toJson(), expected, "$");
    assertThat(PLAIN_JSON.writeValueAsString(entry.toJson()))
        .isEqualTo(PLAIN_JSON.writeValueAsString(expected));
  }

  @Test
  void everyNumberIsWrittenBackSpelledAsTheBodySpelledIt() throws IOException {
    String body = Fixtures.text("entries/number-spellings.json").strip();

    AddressEntry entry = reader.read(utf8(body));

    assertThat(ExactJson.WRITER.writeValueAsString(entry)).isEqualTo(body);
    assertThat(PLAIN_JSON.writeValueAsString(entry)).isEqualTo(body);
  }

  static Stream<Named<Path>> strictFiles() throws IOException {
    try (Stream<Path> files = Files.list(Fixtures.path("strict"))) {
      return files
          .sorted()
          .map(file -> Named.of(EntryFixtures.nameOf(file), file))
          .toList()
          .stream();
    }
  }

  /** Text that no store can keep is JSON all the same: the book, not the reader, refuses it. */
  @ParameterizedTest
  @MethodSource("strictFiles")
  void aDocumentHoldingTextNoStoreCanKeepIsRefusedByTheBookAndTheDetailSaysWhere(Path file) {
    byte[] body = EntryFixtures.bytes(file);

    UnstorableTextException asEntry =
        catchThrowableOfType(
            UnstorableTextException.class, () -> reader.read(new ByteArrayInputStream(body)));

    assertThat(asEntry).isNotNull();
    assertThat(asEntry.detail()).matches("\\$[^ ]*: (a member name )?must not hold .*");
    assertThat(reader.readJson(new ByteArrayInputStream(body))).isNotNull();
  }

  @Test
  void aSurrogatePairEscapedInTheBodyIsOneCharacterAndIsKept() {
    AddressEntry entry = reader.read(utf8("{\"full_name\": \"\\ud83d\\udc09 \\u00e9\"}"));

    assertThat(entry.fullName()).isEqualTo("\ud83d\udc09 \u00e9");
  }

  @Test
  void numbersStayNumbersAndStringsStayStrings() {
    JsonNode addresses = read("number-or-string-fields").get("addresses");

    assertThat(addresses.get(0).get("pincode").isIntegralNumber()).isTrue();
    assertThat(addresses.get(0).get("pincode").intValue()).isEqualTo(110011);
    assertThat(addresses.get(0).get("street_number").isIntegralNumber()).isTrue();
    assertThat(addresses.get(1).get("pincode").isTextual()).isTrue();
    assertThat(addresses.get(1).get("pincode").textValue()).isEqualTo("110011");
    assertThat(addresses.get(1).get("street_number").textValue()).isEqualTo("42A");
    assertThat(addresses.get(2).get("pincode").textValue()).isEqualTo("011001");
    assertThat(addresses.get(2).get("street_number").textValue()).isEqualTo("0042");
  }

  @Test
  void aDecimalKeepsItsTrailingZerosWhenWrittenOut() throws IOException {
    JsonNode entry = read("extreme-numbers");
    JsonNode unitNumber = entry.get("addresses").get(0).get("unit_number");

    assertThat(unitNumber.isBigDecimal()).isTrue();
    assertThat(PLAIN_JSON.writeValueAsString(unitNumber)).isEqualTo("1.50");
    assertThat(PLAIN_JSON.writeValueAsString(entry)).contains("\"unit_number\":1.50,");
    assertThat(PLAIN_JSON.writeValueAsString(entry.get("addresses").get(1).get("unit_number")))
        .isEqualTo("-0.000100");
  }

  @Test
  void aNumberBeyondDoubleRangeStaysAFiniteNumber() throws IOException {
    JsonNode pincode = read("extreme-numbers").get("addresses").get(0).get("pincode");

    assertThat(pincode.isNumber()).isTrue();
    assertThat(pincode.isBigDecimal()).isTrue();
    assertThat(pincode.decimalValue()).isEqualByComparingTo(new BigDecimal("1e400"));
    String written = PLAIN_JSON.writeValueAsString(pincode);
    assertThat(written).doesNotContainIgnoringCase("infinity");
    assertThat(new BigDecimal(written)).isEqualByComparingTo(new BigDecimal("1e400"));
  }

  @Test
  void integersBeyondLongRangeAndBeyondDoublePrecisionStayExact() {
    JsonNode entry = read("extreme-numbers");
    JsonNode streetNumber = entry.get("addresses").get(0).get("street_number");
    JsonNode phone = entry.get("phone_numbers").get(0);

    assertThat(streetNumber.isBigInteger()).isTrue();
    assertThat(streetNumber.bigIntegerValue()).isEqualTo(new BigInteger("12345678901234567890"));
    assertThat(phone.get("local_number").bigIntegerValue())
        .isEqualTo(new BigInteger("98765432109876543210"));
    assertThat(entry.get("addresses").get(1).get("pincode").longValue())
        .isEqualTo(9007199254740993L);
  }

  @Test
  void unicodeAndEscapedCharactersArriveUnchanged() {
    assertThat(read("unicode-cjk-emoji").get("full_name").textValue()).isEqualTo("李小龙 🐉");
    JsonNode escaped = read("escaped-strings");
    assertThat(escaped.get("full_name").textValue()).isEqualTo("O'Brien \"Quotes\" \\ Backslash");
    assertThat(escaped.get("addresses").get(0).get("pincode").textValue())
        .isEqualTo("A\u00e9\u0001Z\ud83d\udc09");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        " \r\n\t ",
        "{bad",
        "{\"full_name\": \"Bill Gates\"} x",
        "{\"full_name\": \"Bill Gates\"}{}",
        "{\"full_name\": \"Bill Gates\"} {\"full_name\": \"Bob\"}",
        "{\"full_name\": \"Bill Gates\", \"full_name\": \"Bob\"}",
        "{\"full_name\": \"Bill Gates\"",
        "{\"full_name\": 'Bill Gates'}",
        "{full_name: \"Bill Gates\"}",
        "// comment\n{\"full_name\": \"Bill Gates\"}",
        "{\"full_name\": \"Bill\", \"addresses\": [{\"unit_number\": NaN}]}",
        "[",
        "nul",
        "\"unterminated"
      })
  void aBodyThatIsNotOneJsonDocumentIsMalformed(String body) {
    MalformedBodyException e =
        catchThrowableOfType(MalformedBodyException.class, () -> reader.read(utf8(body)));

    assertThat(e).isNotNull();
    assertThat(e.detail()).isNotBlank();
  }

  @Test
  void theDetailOfAMalformedBodySaysWhereTheParserStopped() {
    MalformedBodyException e =
        catchThrowableOfType(MalformedBodyException.class, () -> reader.read(utf8("{bad")));

    assertThat(e.detail()).startsWith("line 1, column ");
  }

  @Test
  void duplicateKeysAreMalformedAndTheDetailNamesTheKey() {
    MalformedBodyException e =
        catchThrowableOfType(
            MalformedBodyException.class,
            () -> reader.read(utf8("{\"full_name\": \"Bill\", \"full_name\": \"Bob\"}")));

    assertThat(e.detail()).contains("full_name");
  }

  static Stream<Named<byte[]>> invalidUtf8() {
    return Stream.of(
        Named.of("bad continuation byte", withRawName((byte) 0xC3, (byte) 0x28)),
        Named.of("0xFF", withRawName((byte) 0xFF)),
        Named.of("lone continuation byte", withRawName((byte) 0x80)),
        Named.of("truncated sequence", withRawName((byte) 0xE2, (byte) 0x82)),
        Named.of("UTF-16 surrogate", withRawName((byte) 0xED, (byte) 0xA0, (byte) 0x80)));
  }

  @ParameterizedTest
  @MethodSource("invalidUtf8")
  void invalidUtf8IsMalformed(byte[] body) {
    MalformedBodyException e =
        catchThrowableOfType(
            MalformedBodyException.class, () -> reader.read(new ByteArrayInputStream(body)));

    assertThat(e).isNotNull();
    assertThat(e.detail()).isNotBlank();
  }

  @Test
  void aNullBodyCountsAsEmpty() {
    MalformedBodyException e =
        catchThrowableOfType(MalformedBodyException.class, () -> reader.read(null));

    assertThat(e).isNotNull();
    assertThat(e.detail()).isNotBlank();
  }

  @Test
  void aBodyLongerThanTheLimitIsTooLarge() {
    int limit = 100;
    BodyToEntry small = new BodyToEntry(validator, limit);
    byte[] body = paddedMinimalEntry(limit + 1);

    BodyTooLargeException e =
        catchThrowableOfType(
            BodyTooLargeException.class, () -> small.read(new ByteArrayInputStream(body)));

    assertThat(e).isNotNull();
    assertThat(e.limitBytes()).isEqualTo(limit);
  }

  @Test
  void aBodyOfExactlyTheLimitIsAccepted() {
    int limit = 100;
    BodyToEntry small = new BodyToEntry(validator, limit);
    byte[] body = paddedMinimalEntry(limit);

    AddressEntry entry = small.read(new ByteArrayInputStream(body));

    assertThat(entry).isEqualTo(EntryFixtures.entry("minimal"));
  }

  @Test
  void aTooLargeBodyIsNotReadToItsEnd() {
    int limit = 100;
    BodyToEntry small = new BodyToEntry(validator, limit);
    ByteArrayInputStream body = new ByteArrayInputStream(paddedMinimalEntry(100 * limit));

    assertThatExceptionOfType(BodyTooLargeException.class).isThrownBy(() -> small.read(body));
    assertThat(body.available()).isGreaterThan(50 * limit);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void theLimitMustBePositive(int maxBodyBytes) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BodyToEntry(validator, maxBodyBytes))
        .withMessageContaining(String.valueOf(maxBodyBytes));
  }

  @Test
  void aLimitOfOneByteIsAllowed() {
    BodyToEntry tiny = new BodyToEntry(validator, 1);

    assertThatExceptionOfType(BodyTooLargeException.class)
        .isThrownBy(() -> tiny.read(utf8("{}")))
        .satisfies(e -> assertThat(e.limitBytes()).isEqualTo(1));
  }

  @Test
  void aWellFormedBodyThatBreaksTheSchemaIsInvalid() {
    JsonNode fixture = EntryFixtures.tree(EntryFixtures.invalidEntryFile("bad-address-kind"));

    InvalidEntryException e =
        catchThrowableOfType(
            InvalidEntryException.class, () -> reader.read(utf8(fixture.get("entry").toString())));

    assertThat(e).isNotNull();
    assertThat(e.violations()).singleElement().asString().startsWith("$.addresses[0].kind: ");
  }

  @Test
  void aJsonNullBodyIsInvalidNotMalformed() {
    InvalidEntryException e =
        catchThrowableOfType(InvalidEntryException.class, () -> reader.read(utf8("null")));

    assertThat(e).isNotNull();
    assertThat(e.violations()).singleElement().asString().startsWith("$: ");
  }

  @Test
  void aBodyThatCannotBeReadFailsWithTheIoError() {
    IOException broken = new IOException("connection reset");
    InputStream body =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw broken;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw broken;
          }
        };

    assertThatExceptionOfType(UncheckedIOException.class)
        .isThrownBy(() -> reader.read(body))
        .withCause(broken);
  }

  // ---- depth, array length and number length --------------------------------------------------

  @Test
  void nestingDeeperThanTheDefaultLimitIsMalformedAndNamesTheLimit() {
    assertThat(malformedDetail(reader, "depth-33.json")).isEqualTo("nesting deeper than 32 levels");
  }

  @Test
  void nestingAtTheLimitIsParsedAndLeftToTheSchema() {
    InvalidEntryException e =
        catchThrowableOfType(
            InvalidEntryException.class, () -> reader.read(limits("depth-32.json")));

    assertThat(e).isNotNull();
    assertThat(e.violations()).singleElement().asString().startsWith("$.x: ");
  }

  @Test
  void theConfiguredDepthIsTheLimit() {
    BodyToEntry shallow = new BodyToEntry(validator, LIMIT, 3, 1000);

    byte[] full = EntryFixtures.bytes(EntryFixtures.validEntryFile("full"));

    assertThat(shallow.read(new ByteArrayInputStream(full))).isEqualTo(EntryFixtures.entry("full"));
    assertThat(malformedDetail(shallow, "nested-array-1001.json"))
        .isEqualTo("nesting deeper than 3 levels");
  }

  @Test
  void anArrayLongerThanTheDefaultLimitIsMalformedAndTheDetailNamesItsPath() {
    assertThat(malformedDetail(reader, "phone-numbers-1001.json"))
        .isEqualTo("an array longer than 1000 elements at $.phone_numbers");
  }

  @Test
  void theArrayLimitHoldsForEveryArrayAtAnyDepth() {
    assertThat(malformedDetail(reader, "nested-array-1001.json"))
        .isEqualTo("an array longer than 1000 elements at $.addresses[1].x");
    assertThat(malformedDetail(reader, "root-array-1001.json"))
        .isEqualTo("an array longer than 1000 elements at $");
  }

  @Test
  void anArrayAtTheLimitIsParsedAndLeftToTheSchema() {
    InvalidEntryException e =
        catchThrowableOfType(
            InvalidEntryException.class, () -> reader.read(limits("phone-numbers-1000.json")));

    assertThat(e).isNotNull();
    assertThat(e.violations()).allSatisfy(line -> assertThat(line).startsWith("$.phone_numbers["));
  }

  @Test
  void theConfiguredArrayLengthIsTheLimit() {
    BodyToEntry strict = new BodyToEntry(validator, LIMIT, 32, 2);
    byte[] threePhones =
        "{\"full_name\": \"A\", \"emails\": [], \"phone_numbers\": [0, 1, 2]}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(strict.read(utf8("{\"full_name\": \"A\", \"emails\": []}")).fullName())
        .isEqualTo("A");
    MalformedBodyException e =
        catchThrowableOfType(
            MalformedBodyException.class, () -> strict.read(new ByteArrayInputStream(threePhones)));
    assertThat(e.detail()).isEqualTo("an array longer than 2 elements at $.phone_numbers");
  }

  @Test
  void aTenThousandDigitNumberIsRefusedBeforeItIsConverted() {
    long start = System.nanoTime();

    String detail = malformedDetail(reader, "number-10000-digits.json");

    assertThat(detail).isEqualTo("a number longer than 100 digits");
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(java.time.Duration.ofSeconds(1));
  }

  @Test
  void aDecimalLongerThanTheNumberLimitIsRefused() {
    assertThat(malformedDetail(reader, "decimal-101-digits.json"))
        .isEqualTo("a number longer than 100 digits");
  }

  @Test
  void aNumberOfExactlyTheNumberLimitIsKeptExactly() {
    AddressEntry entry = reader.read(limits("number-100-digits.json"));

    assertThat(entry.toJson().at("/phone_numbers/0/local_number").bigIntegerValue())
        .isEqualTo(new BigInteger("9".repeat(100)));
  }

  @Test
  void hugeExponentsAreKeptAsWrittenWithoutExpandingThem() {
    AddressEntry entry = reader.read(limits("number-huge-exponents.json"));

    JsonNode phone = entry.toJson().at("/phone_numbers/0");
    assertThat(phone.get("country_code").decimalValue()).isEqualTo(new BigDecimal("1e999999999"));
    assertThat(phone.get("local_number").decimalValue()).isEqualTo(new BigDecimal("1E-999999999"));
    assertThat(phone.get("area_code").decimalValue()).isEqualTo(new BigDecimal("-0.5e+999999999"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e2147483648", "1e-2147483649", "-1E-2147483648", "0.5e9999999999"})
  void aNumberWhoseExponentNoDecimalCanHoldIsMalformed(String number) {
    String body =
        "{\"full_name\": \"Big\", \"phone_numbers\": [{\"kind\": \"work\", \"country_code\": "
            + number
            + ", \"local_number\": 1}]}";

    MalformedBodyException e =
        catchThrowableOfType(MalformedBodyException.class, () -> reader.read(utf8(body)));

    assertThat(e).isNotNull();
    assertThat(e.detail()).matches("line 1, column \\d+: a number whose exponent is out of range");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 0, -1})
  void theDepthLimitMustLeaveRoomForAnEntryWithAddresses(int maxDepth) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BodyToEntry(validator, LIMIT, maxDepth, 1000))
        .withMessageContaining("maxDepth")
        .withMessageContaining(String.valueOf(maxDepth));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void theArrayLimitMustBePositive(int maxArrayLength) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new BodyToEntry(validator, LIMIT, 32, maxArrayLength))
        .withMessageContaining("maxArrayLength")
        .withMessageContaining(String.valueOf(maxArrayLength));
  }

  private static String malformedDetail(BodyToEntry reader, String fixture) {
    MalformedBodyException e =
        catchThrowableOfType(MalformedBodyException.class, () -> reader.read(limits(fixture)));
    assertThat(e).isNotNull();
    return e.detail();
  }

  private static InputStream limits(String fixture) {
    return new ByteArrayInputStream(EntryFixtures.bytes(Fixtures.path("limits/" + fixture)));
  }

  private JsonNode read(String fixture) {
    return reader
        .read(new ByteArrayInputStream(EntryFixtures.bytes(EntryFixtures.validEntryFile(fixture))))
        .toJson();
  }

  private static ByteArrayInputStream utf8(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
  }

  /** The minimal fixture, padded with trailing white space to exactly {@code length} bytes. */
  private static byte[] paddedMinimalEntry(int length) {
    byte[] entry = EntryFixtures.bytes(EntryFixtures.validEntryFile("minimal"));
    assertThat(entry.length).isLessThanOrEqualTo(length);
    byte[] body = Arrays.copyOf(entry, length);
    Arrays.fill(body, entry.length, length, (byte) ' ');
    return body;
  }

  /** {@code {"full_name": "Bill<bytes>"}}, where the bytes are not valid UTF-8. */
  private static byte[] withRawName(byte... raw) {
    byte[] head = "{\"full_name\": \"Bill".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[head.length + raw.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(raw, 0, body, head.length, raw.length);
    System.arraycopy(tail, 0, body, head.length + raw.length, tail.length);
    return body;
  }

  /** Same JSON types, the same number types and the same text, all the way down. */
  private static void assertSameTypesAndText(JsonNode actual, JsonNode expected, String path) {
    assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
    if (expected.isNumber()) {
      assertThat(actual.numberType()).as(path).isEqualTo(expected.numberType());
      assertThat(actual.toString()).as(path).isEqualTo(expected.toString());
    } else if (expected.isTextual()) {
      assertThat(actual.textValue()).as(path).isEqualTo(expected.textValue());
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSameTypesAndText(actual.get(i), expected.get(i), path + "[" + i + "]");
      }
    } else if (expected.isObject()) {
      assertThat(actual.properties())
          .extracting(Map.Entry::getKey)
          .as(path)
          .containsExactlyElementsOf(
              expected.properties().stream().map(Map.Entry::getKey).toList());
      for (Iterator<String> names = expected.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        assertSameTypesAndText(actual.get(name), expected.get(name), path + "." + name);
      }
    }
  }

  /** {"full_name": "Bill<raw>"}, where raw is an overlong or out-of-range UTF-8 sequence. */
  @ParameterizedTest
  @ValueSource(strings = {"C0AF", "C080", "E080AF", "F4908080", "F5808080", "F08080AF", "EDA080"})
  void malformedUtf8IsInvalidJsonNotStoredGarbage(String rawHex) {
    byte[] head = "{\"full_name\": \"Bill".getBytes(StandardCharsets.UTF_8);
    byte[] raw = HexFormat.of().parseHex(rawHex);
    byte[] body = new byte[head.length + raw.length + 2];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(raw, 0, body, head.length, raw.length);
    body[body.length - 2] = '"';
    body[body.length - 1] = '}';

    MalformedBodyException e =
        catchThrowableOfType(
            MalformedBodyException.class, () -> reader.read(new ByteArrayInputStream(body)));
    assertThat(e.detail()).isEqualTo("the body is not valid UTF-8 (at byte " + head.length + ")");
  }

  @Test
  void aLeadingByteOrderMarkIsAllowed() {
    byte[] body = "\uFEFF{\"full_name\": \"Bill\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(reader.read(new ByteArrayInputStream(body)).fullName()).isEqualTo("Bill");
  }

  /**
   * A body made an entry the way a create makes it: read by {@link JsonBodyReader}, then stored by
   * the service, which checks it against the book's rules; the entry is read back from the store.
   */
  private static final class BodyToEntry {

    private final JsonBodyReader bodies;
    private final EntryValidator validator;

    BodyToEntry(EntryValidator validator, int maxBodyBytes) {
      this(
          validator,
          maxBodyBytes,
          JsonBodyReader.DEFAULT_MAX_DEPTH,
          JsonBodyReader.DEFAULT_MAX_ARRAY_LENGTH);
    }

    BodyToEntry(EntryValidator validator, int maxBodyBytes, int maxDepth, int maxArrayLength) {
      this.bodies = new JsonBodyReader(maxBodyBytes, maxDepth, maxArrayLength);
      this.validator = validator;
    }

    AddressEntry read(InputStream body) {
      MemoryStore store = new MemoryStore();
      String id = new AddressBookService(store, validator).create(bodies.read(body));
      return store.find(id).orElseThrow();
    }

    JsonNode readJson(InputStream body) {
      return bodies.read(body);
    }
  }
}
