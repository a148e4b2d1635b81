package org.addrservice.resources;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.addrservice.core.model.ExactJson;

/**
 * Reads a request body as one JSON document: at most the configured number of bytes, strictly
 * decoded as UTF-8, parsed as exactly one document within the configured nesting depth and array
 * length. Parsing is strict (see {@link ExactJson}) so that what the service gets is what the
 * client meant; what the document must hold is the service's business.
 */
public final class JsonBodyReader {

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  /** The depth of an entry with addresses: the entry, the array, the address. */
  public static final int MIN_DEPTH = 3;

  public static final int DEFAULT_MAX_DEPTH = 32;

  public static final int DEFAULT_MAX_ARRAY_LENGTH = 1000;

  private final int maxBodyBytes;
  private final BoundedJson json;

  /** A reader with the default depth and array length limits. */
  public JsonBodyReader(int maxBodyBytes) {
    this(maxBodyBytes, DEFAULT_MAX_DEPTH, DEFAULT_MAX_ARRAY_LENGTH);
  }

  /**
   * @param maxDepth how deep objects and arrays may nest; the document itself is level 1
   * @param maxArrayLength how many elements any one array may hold
   */
  public JsonBodyReader(int maxBodyBytes, int maxDepth, int maxArrayLength) {
    if (maxBodyBytes < 1 || maxBodyBytes == Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be between 1 and "
              + (Integer.MAX_VALUE - 1)
              + ", was "
              + maxBodyBytes);
    }
    if (maxDepth < MIN_DEPTH) {
      throw new IllegalArgumentException(
          "maxDepth must be at least " + MIN_DEPTH + ", was " + maxDepth);
    }
    if (maxArrayLength < 1) {
      throw new IllegalArgumentException(
          "maxArrayLength must be at least 1, was " + maxArrayLength);
    }
    this.maxBodyBytes = maxBodyBytes;
    this.json = new BoundedJson(maxBodyBytes, maxDepth, maxArrayLength);
  }

  /**
   * Reads and parses one JSON document; a missing body reads as an empty one.
   *
   * @throws BodyTooLargeException when the body is longer than the limit
   * @throws MalformedBodyException when the body is not one JSON document
   */
  public JsonNode read(InputStream body) {
    return parse(readBounded(body));
  }

  private byte[] readBounded(InputStream body) {
    if (body == null) {
      return new byte[0];
    }
    try {
      byte[] bytes = body.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw new BodyTooLargeException(maxBodyBytes);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
  }

  private JsonNode parse(byte[] bytes) {
    if (bytes.length == 0) {
      throw new MalformedBodyException("the body is empty");
    }
    try {
      JsonNode node = json.read(decodeUtf8(bytes));
      if (node == null || node.isMissingNode()) {
        throw new MalformedBodyException("the body holds no JSON value");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException(describe(e));
    }
  }

  /**
   * Decodes strictly: Jackson lets some malformed UTF-8 through (overlong forms, encoded
   * surrogates), and such bytes must never be stored. A leading byte-order mark is allowed.
   */
  private static String decodeUtf8(byte[] bytes) {
    ByteBuffer input = ByteBuffer.wrap(bytes);
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(input)
              .toString();
      return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    } catch (CharacterCodingException e) {
      throw new MalformedBodyException(
          "the body is not valid UTF-8 (at byte " + input.position() + ")");
    }
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation where = e.getLocation();
    String what = e.getOriginalMessage();
    if (where == null) {
      return what;
    }
    return "line " + where.getLineNr() + ", column " + where.getColumnNr() + ": " + what;
  }
}
