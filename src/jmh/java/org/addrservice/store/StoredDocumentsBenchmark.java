package org.addrservice.store;

import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.addrservice.BenchmarkEntry;
import org.addrservice.core.model.AddressEntry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the SQL stores do with an entry on each request: write it as the text of the {@code
 * document} column (create, replace) and read it back from that text (get, list).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@State(Scope.Benchmark)
public class StoredDocumentsBenchmark {

  private static final String WHERE = "the benchmark";

  @Param public BenchmarkEntry entry;

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
