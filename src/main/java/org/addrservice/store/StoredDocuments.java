package org.addrservice.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.port.StoreException;

/**
 * How stores write an entry as JSON and read it back, keeping every number exactly as it was
 * (decimals as BigDecimal with their trailing zeros). Anything but exactly one JSON document with a
 * {@code full_name} is corrupt.
 */
public final class StoredDocuments {

  private StoredDocuments() {}

  public static byte[] toBytes(AddressEntry entry) {
    try {
      return ExactJson.WRITER.writeValueAsBytes(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an entry always serialises", e);
    }
  }

  public static String toText(AddressEntry entry) {
    try {
      return ExactJson.WRITER.writeValueAsString(entry);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an entry always serialises", e);
    }
  }

  /**
   * Reads an entry written by {@link #toBytes}; {@code where} names its place in messages.
   *
   * @throws StoreException when the bytes are not a stored entry
   */
  public static AddressEntry fromBytes(byte[] document, String where) {
    try {
      return AddressEntry.read(document);
    } catch (IOException | IllegalArgumentException e) {
      throw new StoreException("corrupt entry in " + where, e);
    }
  }

  /**
   * Reads an entry written by {@link #toText}; {@code where} names its place in messages.
   *
   * @throws StoreException when the text is not a stored entry
   */
  public static AddressEntry fromText(String document, String where) {
    try {
      return AddressEntry.read(document);
    } catch (IOException | IllegalArgumentException e) {
      throw new StoreException("corrupt entry in " + where, e);
    }
  }
}
