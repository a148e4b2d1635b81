package org.addrservice.store.fs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.addrservice.core.model.AddressEntry;
import org.addrservice.core.model.ExactJson;
import org.addrservice.core.model.VersionedEntry;
import org.addrservice.core.port.StoreException;

/**
 * The content of an entry file: {@code {"version": 3, "entry": {...}}}. A file holding the bare
 * entry, as written before entries had versions, is read as version 1. The two cannot be confused:
 * an entry has no {@code version} or {@code entry} field.
 */
final class EntryFiles {

  private static final String VERSION = "version";
  private static final String ENTRY = "entry";

  private EntryFiles() {}

  static byte[] toBytes(VersionedEntry stored) {
    ObjectNode file = JsonNodeFactory.instance.objectNode();
    file.put(VERSION, stored.version());
    file.set(ENTRY, stored.entry().toJson());
    try {
      return ExactJson.WRITER.writeValueAsBytes(file);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an entry always serialises", e);
    }
  }

  /**
   * Reads what {@link #toBytes} wrote; {@code where} names the file in messages.
   *
   * @throws StoreException when the bytes are not an entry file
   */
  static VersionedEntry fromBytes(byte[] bytes, String where) {
    try {
      JsonNode file = ExactJson.READER.readTree(bytes);
      if (file != null && file.has(ENTRY) && file.has(VERSION)) {
        JsonNode version = file.get(VERSION);
        if (file.size() != 2
            || !version.canConvertToExactIntegral()
            || !version.canConvertToLong()) {
          throw new StoreException("corrupt entry file " + where + ": bad version");
        }
        return new VersionedEntry(AddressEntry.of(file.get(ENTRY)), version.longValue());
      }
      return new VersionedEntry(AddressEntry.of(file), 1);
    } catch (IOException | IllegalArgumentException e) {
      throw new StoreException("corrupt entry file " + where, e);
    }
  }
}
