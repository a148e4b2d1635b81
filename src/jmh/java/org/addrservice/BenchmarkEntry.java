package org.addrservice;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.addrservice.core.EntryValidator;
import org.addrservice.resources.JsonBodyReader;

/**
 * The request bodies the benchmarks work on. {@code TYPICAL} is the entry {@code bench/run.sh}
 * sends (a name, one address, one phone number, one e-mail address), {@code FULL} the test fixture
 * {@code entries/full.json}, which has every field the schema knows.
 */
public enum BenchmarkEntry {
  TYPICAL("typical.json"),
  FULL("full.json");

  /** The default {@code limits.maxBodySize}, 64 KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private final String file;

  BenchmarkEntry(String file) {
    this.file = file;
  }

  /**
   * Body to entry as the service does it when the configuration leaves the limits at their
   * defaults.
   */
  public static BodyToEntry defaultReader() {
    return new BodyToEntry(new JsonBodyReader(MAX_BODY_BYTES), new EntryValidator());
  }

  /** The entry as a client sends it: UTF-8 JSON. */
  public byte[] body() {
    String resource = "/benchmark-entries/" + file;
    try (InputStream in = BenchmarkEntry.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
