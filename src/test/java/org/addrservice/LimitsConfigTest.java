package org.addrservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.addrservice.config.AddressBookServiceFactory;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.BookPage;
import org.addrservice.core.EntryTooLargeException;
import org.addrservice.core.IdempotencyKeyReusedException;
import org.addrservice.core.InvalidQueryException;
import org.addrservice.core.MalformedEntryException;
import org.addrservice.store.memory.MemoryStore;
import org.addrservice.testing.Configs;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * What the {@code limits:} and {@code idempotency:} sections give the service a configuration
 * builds: the documented defaults when the file says nothing, and the configured values when it
 * does.
 */
class LimitsConfigTest {

  private static final String ID_PATTERN = "[0-9a-f]{32}";

  @Test
  void withoutALimitsSectionABodyOf64KibIsReadAndOneByteMoreAnswersTooLarge() {
    AddressBookService service = withoutSections();

    assertThat(service.create(entryOfBytes(64 * 1024))).matches(ID_PATTERN);
    EntryTooLargeException tooLarge =
        catchThrowableOfType(
            EntryTooLargeException.class, () -> service.create(entryOfBytes(64 * 1024 + 1)));
    assertThat(tooLarge).isNotNull();
    assertThat(tooLarge.limitBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void withoutALimitsSectionAPageHoldsAtMost1000EntriesAndLeadsToTheRest() {
    AddressBookService service = withoutSections();
    for (int i = 0; i < 1001; i++) {
      service.create(fixture("entries/minimal.json"));
    }

    BookPage first = service.list(null, null, null);

    assertThat(first.entries()).hasSize(1000);
    assertThat(first.nextCursor()).isPresent();
    assertThat(service.list(null, first.nextCursor().orElseThrow(), null).entries()).hasSize(1);
    assertThat(service.list("1000", null, null).entries()).hasSize(1000);
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> service.list("1001", null, null));
  }

  @Test
  void withoutALimitsSectionAPageHoldsAtMostOneMebibyteOfEntriesAndLeadsToTheRest() {
    AddressBookService service = withoutSections();
    for (int i = 0; i < 20; i++) {
      service.create(entryOfBytes(60_000));
    }

    BookPage first = service.list(null, null, null);
    BookPage rest = service.list(null, first.nextCursor().orElseThrow(), null);

    // 17 entries of 60,000 bytes make 1,019,983 bytes; an 18th would pass 1,048,576.
    assertThat(first.entries()).hasSize(17);
    assertThat(rest.entries()).hasSize(3);
    assertThat(rest.nextCursor()).isEmpty();
  }

  @Test
  void aConfiguredPageByteLimitIsTheOneEnforced() throws Exception {
    AddressBookService service = serviceOf(Configs.load(Fixtures.path("config/small-pages.yml")));
    for (int i = 0; i < 3; i++) {
      service.create(entryOfBytes(600));
    }

    BookPage first = service.list(null, null, null);

    assertThat(first.entries()).hasSize(1);
    assertThat(first.nextCursor()).isPresent();
  }

  @Test
  void withoutALimitsSectionPagesShareEightMebibytes() {
    assertThat(withoutSections().pageMemory().capacity()).isEqualTo(8L << 20);
  }

  @Test
  void aConfiguredPageMemoryIsTheOneSharedByThePagesBeingAnswered() throws Exception {
    AddressBookService service =
        serviceOf(Configs.load(Fixtures.path("config/shared-page-memory.yml")));
    for (int i = 0; i < 4; i++) {
      service.create(entryOfBytes(1_000));
    }

    try (BookPage held = service.list(null, null, null);
        BookPage next = service.list(null, null, null)) {
      assertThat(held.entries()).hasSize(2);
      assertThat(next.entries()).as("what is left of 3 KiB holds one").hasSize(1);
    }
    assertThat(service.pageMemory().free()).isEqualTo(3 * 1024);
  }

  @Test
  void aPageMemorySmallerThanAPageIsRefusedWhenTheConfigLoads() {
    assertThatThrownBy(
            () -> Configs.load(Fixtures.path("config/broken/page-memory-below-a-page.yml")))
        .hasMessageContaining("limits.pageMemory must hold at least one page of maxPageBytes");
  }

  @Test
  void withoutALimitsSectionNestingBeyond32LevelsAndArraysBeyond1000ElementsAreRefused() {
    AddressBookService service = withoutSections();

    assertThat(malformedDetail(service, "limits/depth-33.json"))
        .isEqualTo("nesting deeper than 32 levels");
    assertThat(malformedDetail(service, "limits/phone-numbers-1001.json"))
        .isEqualTo("an array longer than 1000 elements at $.phone_numbers");
  }

  @Test
  void configuredLimitsAreTheOnesEnforced() throws Exception {
    AddressBookService service = tightLimits();

    assertThat(service.create(entryOfBytes(1024))).matches(ID_PATTERN);
    assertThatExceptionOfType(EntryTooLargeException.class)
        .isThrownBy(() -> service.create(entryOfBytes(1025)));
    // Three levels and arrays of two: within the limits.
    assertThat(service.create(fixture("entries/full.json"))).matches(ID_PATTERN);
    assertThat(malformedDetail(service, "limits/depth-33.json"))
        .isEqualTo("nesting deeper than 3 levels");
    assertThat(malformedDetail(service, "entries/number-or-string-fields.json"))
        .isEqualTo("an array longer than 2 elements at $.addresses");

    service.create(fixture("entries/minimal.json"));
    BookPage first = service.list(null, null, null);
    assertThat(first.entries()).hasSize(2);
    assertThat(first.nextCursor()).isPresent();
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> service.list("3", null, null));
  }

  @Test
  void aConfiguredIdempotencyWindowIsHowLongAKeyIsRemembered() throws Exception {
    AddressBookService service = tightLimits();
    Optional<String> key = Optional.of("window-key");
    String first = service.create(fixture("entries/minimal.json"), key);

    assertThatExceptionOfType(IdempotencyKeyReusedException.class)
        .isThrownBy(() -> service.create(fixture("entries/only-contact-numbers.json"), key));
    // Once the 3 s window is over, the key is forgotten and may create another entry.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptionsInstanceOf(IdempotencyKeyReusedException.class)
        .until(
            () -> !service.create(fixture("entries/only-contact-numbers.json"), key).equals(first));
  }

  private static AddressBookService withoutSections() {
    return serviceOf(new AddrServiceConfiguration());
  }

  private static AddressBookService tightLimits() throws Exception {
    return serviceOf(Configs.load(Fixtures.path("config/tight-limits.yml")));
  }

  private static AddressBookService serviceOf(AddrServiceConfiguration config) {
    return AddressBookServiceFactory.build(
        new MemoryStore(),
        config.getLimits(),
        config.getIdempotency(),
        config.getConditionalWrites());
  }

  private static String malformedDetail(AddressBookService service, String fixture) {
    MalformedEntryException malformed =
        catchThrowableOfType(MalformedEntryException.class, () -> service.create(fixture(fixture)));
    assertThat(malformed).as(fixture).isNotNull();
    return malformed.detail();
  }

  private static InputStream fixture(String name) {
    return new ByteArrayInputStream(Fixtures.text(name).getBytes(StandardCharsets.UTF_8));
  }

  /** A valid entry of exactly {@code size} bytes: a full name padded to fit. */
  private static InputStream entryOfBytes(int size) {
    String prefix = "{\"full_name\": \"";
    String suffix = "\"}";
    String entry = prefix + "x".repeat(size - prefix.length() - suffix.length()) + suffix;
    return new ByteArrayInputStream(entry.getBytes(StandardCharsets.UTF_8));
  }
}
