package org.addrservice.core.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one way entries are read from and written to JSON, wherever they come from (a request, a
 * store, an export file). Reading is strict, so that what is kept is what the client meant:
 * duplicate keys and trailing content are errors, and decimals stay {@link java.math.BigDecimal}
 * with their trailing zeros, so no number changes (not {@code 1.50} to {@code 1.5}, nor {@code
 * 1e400} to infinity) on its way through. Readers and writers are immutable and thread-safe.
 */
public final class ExactJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  public static final ObjectReader READER = MAPPER.reader();

  public static final ObjectWriter WRITER = MAPPER.writer();

  private ExactJson() {}
}
