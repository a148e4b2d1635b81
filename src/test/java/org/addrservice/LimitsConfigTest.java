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
import java.util.OptionalInt;
import org.addrservice.config.AddressBookServiceFactory;
import org.addrservice.core.AddressBookService;
import org.addrservice.core.BookPage;
import org.addrservice.core.IdempotencyKeyReusedException;
import org.addrservice.core.InvalidQueryException;
import org.addrservice.core.PageQuery;
import org.addrservice.core.model.IdempotencyKey;
import org.addrservice.core.model.PageMemory;
import org.addrservice.resources.BodyTooLargeException;
import org.addrservice.resources.JsonBodyReader;
import org.addrservice.resources.MalformedBodyException;
import org.addrservice.store.memory.MemoryStore;
import org.addrservice.testing.Configs;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * What the {@code limits:} and {@code idempotency:} sections give the service and the body reader a
 * configuration builds: the documented defaults when the file says nothing, and the configured
 * values when it does.
 */
class LimitsConfigTest {

  private static final String ID_PATTERN = "[0-9a-f]{32}";

  @Test
  void withoutALimitsSectionABodyOf64KibIsReadAndOneByteMoreAnswersTooLarge() {
    Configured service = withoutSections();

    assertThat(service.create(entryOfBytes(64 * 1024))).matches(ID_PATTERN);
    BodyTooLargeException tooLarge =
        catchThrowableOfType(
            BodyTooLargeException.class, () -> service.create(entryOfBytes(64 * 1024 + 1)));
    assertThat(tooLarge).isNotNull();
    assertThat(tooLarge.limitBytes()).isEqualTo(64 * 1024);
  }

  @Test
  void withoutALimitsSectionAPageHoldsAtMost1000EntriesAndLeadsToTheRest() {
    Configured service = withoutSections();
    for (int i = 0; i < 1001; i++) {
      service.create(fixture("entries/minimal.json"));
    }

    BookPage first = service.list();

    assertThat(first.entries()).hasSize(1000);
    assertThat(first.nextAfter()).isPresent();
    assertThat(service.after(first).entries()).hasSize(1);
    assertThat(service.limitedTo(1000).entries()).hasSize(1000);
    assertThatExceptionOfType(InvalidQueryException.class)
        .isThrownBy(() -> service.limitedTo(1001));
  }

  @Test
  void withoutALimitsSectionAPageHoldsAtMostOneMebibyteOfEntriesAndLeadsToTheRest() {
    Configured service = withoutSections();
    for (int i = 0; i < 20; i++) {
      service.create(entryOfBytes(60_000));
    }

    BookPage first = service.list();
    BookPage rest = service.after(first);

    // 17 entries of 60,000 bytes make 1,019,983 bytes; an 18th would pass 1,048,576.
    assertThat(first.entries()).hasSize(17);
    assertThat(rest.entries()).hasSize(3);
    assertThat(rest.nextAfter()).isEmpty();
  }

  @Test
  void aConfiguredPageByteLimitIsTheOneEnforced() throws Exception {
    Configured service = Configured.by(Configs.load(Fixtures.path("config/small-pages.yml")));
    for (int i = 0; i < 3; i++) {
      service.create(entryOfBytes(600));
    }

    BookPage first = service.list();

    assertThat(first.entries()).hasSize(1);
    assertThat(first.nextAfter()).isPresent();
  }

  @Test
  void withoutALimitsSectionPagesShareEightMebibytes() {
    assertThat(withoutSections().pageMemory().capacity()).isEqualTo(8L << 20);
  }

  @Test
  void aConfiguredPageMemoryIsTheOneSharedByThePagesBeingAnswered() throws Exception {
    Configured service =
        Configured.by(Configs.load(Fixtures.path("config/shared-page-memory.yml")));
    for (int i = 0; i < 4; i++) {
      service.create(entryOfBytes(1_000));
    }

    try (BookPage held = service.list();
        BookPage next = service.list()) {
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
    Configured service = withoutSections();

    assertThat(malformedDetail(service, "limits/depth-33.json"))
        .isEqualTo("nesting deeper than 32 levels");
    assertThat(malformedDetail(service, "limits/phone-numbers-1001.json"))
        .isEqualTo("an array longer than 1000 elements at $.phone_numbers");
  }

  @Test
  void configuredLimitsAreTheOnesEnforced() throws Exception {
    Configured service = tightLimits();

    assertThat(service.create(entryOfBytes(1024))).matches(ID_PATTERN);
    assertThatExceptionOfType(BodyTooLargeException.class)
        .isThrownBy(() -> service.create(entryOfBytes(1025)));
    // Three levels and arrays of two: within the limits.
    assertThat(service.create(fixture("entries/full.json"))).matches(ID_PATTERN);
    assertThat(malformedDetail(service, "limits/depth-33.json"))
        .isEqualTo("nesting deeper than 3 levels");
    assertThat(malformedDetail(service, "entries/number-or-string-fields.json"))
        .isEqualTo("an array longer than 2 elements at $.addresses");

    service.create(fixture("entries/minimal.json"));
    BookPage first = service.list();
    assertThat(first.entries()).hasSize(2);
    assertThat(first.nextAfter()).isPresent();
    assertThatExceptionOfType(InvalidQueryException.class).isThrownBy(() -> service.limitedTo(3));
  }

  @Test
  void aConfiguredIdempotencyWindowIsHowLongAKeyIsRemembered() throws Exception {
    Configured service = tightLimits();
    Optional<IdempotencyKey> key = Optional.of(new IdempotencyKey("window-key"));
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

  private static Configured withoutSections() {
    return Configured.by(new AddrServiceConfiguration());
  }

  private static Configured tightLimits() throws Exception {
    return Configured.by(Configs.load(Fixtures.path("config/tight-limits.yml")));
  }

  private static String malformedDetail(Configured service, String fixture) {
    MalformedBodyException malformed =
        catchThrowableOfType(MalformedBodyException.class, () -> service.create(fixture(fixture)));
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

  /** The service and the body reader a configuration builds, on a memory store. */
  private record Configured(AddressBookService book, JsonBodyReader bodies) {

    static Configured by(AddrServiceConfiguration config) {
      return new Configured(
          AddressBookServiceFactory.build(
              new MemoryStore(),
              config.getLimits(),
              config.getIdempotency(),
              config.getConditionalWrites()),
          config.getLimits().buildJsonBodyReader());
    }

    String create(InputStream body) {
      return book.create(bodies.read(body));
    }

    String create(InputStream body, Optional<IdempotencyKey> key) {
      return book.create(bodies.read(body), key);
    }

    BookPage list() {
      return book.list(PageQuery.FIRST);
    }

    BookPage after(BookPage page) {
      return book.list(new PageQuery(OptionalInt.empty(), page.nextAfter(), Optional.empty()));
    }

    BookPage limitedTo(int limit) {
      return book.list(new PageQuery(OptionalInt.of(limit), Optional.empty(), Optional.empty()));
    }

    PageMemory pageMemory() {
      return book.pageMemory();
    }
  }
}
