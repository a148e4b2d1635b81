package org.addrservice.core.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import org.addrservice.BenchmarkEntry;
import org.addrservice.EntryBenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * The smaller steps around an entry that some requests add: the copy of its document that every
 * {@link AddressEntry#toJson} (and {@link AddressEntry#of}) makes, the fingerprint of a create with
 * an {@code Idempotency-Key}, and the folded name the SQL stores write with every entry.
 */
public class AddressEntryBenchmark extends EntryBenchmark {

  private AddressEntry stored;

  @Setup
  public void setUp() {
    stored = BenchmarkEntry.defaultReader().read(new ByteArrayInputStream(entry.body()));
  }

  @Benchmark
  public ObjectNode copy() {
    return stored.toJson();
  }

  @Benchmark
  public String fingerprint() {
    return EntryFingerprint.of(stored);
  }

  @Benchmark
  public String foldName() {
    return NameFolding.fold(stored.fullName());
  }
}
