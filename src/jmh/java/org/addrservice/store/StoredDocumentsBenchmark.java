package org.addrservice.store;

import java.io.ByteArrayInputStream;
import org.addrservice.BenchmarkEntry;
import org.addrservice.EntryBenchmark;
import org.addrservice.core.model.AddressEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * What the SQL stores do with an entry on each request: write it as the text of the {@code
 * document} column (create, replace) and read it back from that text (get, list).
 */
public class StoredDocumentsBenchmark extends EntryBenchmark {

  private static final String WHERE = "the benchmark";

  private AddressEntry stored;
  private String text;

  @Setup
  public void setUp() {
    stored = BenchmarkEntry.defaultReader().read(new ByteArrayInputStream(entry.body()));
    text = StoredDocuments.toText(stored);
  }

  @Benchmark
  public String toText() {
    return StoredDocuments.toText(stored);
  }

  @Benchmark
  public AddressEntry fromText() {
    return StoredDocuments.fromText(text, WHERE);
  }

  @Benchmark
  public AddressEntry roundTrip() {
    return StoredDocuments.fromText(StoredDocuments.toText(stored), WHERE);
  }
}
