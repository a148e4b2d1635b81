package org.addrservice.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.addrservice.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExactNumberTest {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-0",
        "0",
        "-0.0",
        "0e0",
        "100e-2",
        "1e5",
        "1E5",
        "1E+5",
        "1e-5",
        "1.50",
        "0.000",
        "-1e-0",
        "2.5E-3",
        "1e999999999",
        "-1E-999999999",
        "12345678901234567890",
        "9007199254740993"
      })
  void aNumberIsWrittenBackAsItWasSpelledByAnyMapper(String spelling) throws Exception {
    JsonNode number = ExactJson.READER.readTree(spelling);

    assertThat(number.isNumber()).isTrue();
    assertThat(number.asText()).isEqualTo(spelling);
    assertThat(ExactJson.WRITER.writeValueAsString(number)).isEqualTo(spelling);
    assertThat(new ObjectMapper().writeValueAsString(number)).isEqualTo(spelling);
    assertThat(number.decimalValue()).isEqualByComparingTo(new BigDecimal(spelling));
  }

  @Test
  void twoSpellingsOfOneValueAreTwoNumbers() throws Exception {
    JsonNode lower = ExactJson.READER.readTree("1e5");
    JsonNode upper = ExactJson.READER.readTree("1E+5");

    assertThat(lower).isNotEqualTo(upper);
    assertThat(lower).isEqualTo(ExactJson.READER.readTree("1e5")).hasSameHashCodeAs(lower);
    assertThat(lower.decimalValue()).isEqualByComparingTo(upper.decimalValue());
    assertThat(lower).isNotEqualTo(NODES.numberNode(new BigDecimal("1e5")));
  }

  @ParameterizedTest
  @CsvSource({
    "-0, INT, VALUE_NUMBER_INT",
    "2147483647, INT, VALUE_NUMBER_INT",
    "2147483648, LONG, VALUE_NUMBER_INT",
    "-9223372036854775808, LONG, VALUE_NUMBER_INT",
    "9223372036854775808, BIG_INTEGER, VALUE_NUMBER_INT",
    "1.0, BIG_DECIMAL, VALUE_NUMBER_FLOAT",
    "1e5, BIG_DECIMAL, VALUE_NUMBER_FLOAT"
  })
  void anIntegerIsTypedByItsSizeAndAnythingWithAFractionOrExponentIsADecimal(
      String spelling, NumberType type, JsonToken token) throws Exception {
    JsonNode number = ExactJson.READER.readTree(spelling);

    assertThat(number.numberType()).isEqualTo(type);
    assertThat(number.asToken()).isEqualTo(token);
    assertThat(number.isIntegralNumber()).isEqualTo(token == JsonToken.VALUE_NUMBER_INT);
    assertThat(number.isFloatingPointNumber()).isEqualTo(token == JsonToken.VALUE_NUMBER_FLOAT);
    assertThat(number.isBigDecimal()).isEqualTo(type == NumberType.BIG_DECIMAL);
    assertThat(number.isInt()).isEqualTo(type == NumberType.INT);
    assertThat(number.isLong()).isEqualTo(type == NumberType.LONG);
    assertThat(number.isBigInteger()).isEqualTo(type == NumberType.BIG_INTEGER);
  }

  @Test
  void theValueIsTheExactDecimalOfTheText() throws Exception {
    JsonNode big = ExactJson.READER.readTree("98765432109876543210");
    JsonNode decimal = ExactJson.READER.readTree("-2.5E-3");

    assertThat(big.bigIntegerValue()).isEqualTo(new BigInteger("98765432109876543210"));
    assertThat(big.numberValue()).isEqualTo(new BigInteger("98765432109876543210"));
    assertThat(ExactJson.READER.readTree("7").numberValue()).isEqualTo(7);
    assertThat(ExactJson.READER.readTree("4294967296").numberValue()).isEqualTo(4294967296L);
    assertThat(decimal.numberValue()).isEqualTo(new BigDecimal("-2.5E-3"));
    assertThat(decimal.doubleValue()).isEqualTo(-0.0025);
    assertThat(ExactJson.READER.readTree("42").intValue()).isEqualTo(42);
    assertThat(ExactJson.READER.readTree("-0").longValue()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "1, true, true, true",
    "1e5, true, true, true",
    "1.50, false, true, true",
    "0.0, true, true, true",
    "4294967296, true, false, true",
    "1e999999999, true, false, false"
  })
  void conversionsAreOfferedOnlyWhereTheyAreExact(
      String spelling, boolean exactIntegral, boolean toInt, boolean toLong) throws Exception {
    JsonNode number = ExactJson.READER.readTree(spelling);

    assertThat(number.canConvertToExactIntegral()).isEqualTo(exactIntegral);
    assertThat(number.canConvertToInt()).isEqualTo(toInt);
    assertThat(number.canConvertToLong()).isEqualTo(toLong);
  }

  @Test
  void aHugeExponentIsNotSpelledOutAsAnInteger() throws Exception {
    JsonNode huge = ExactJson.READER.readTree("1e999999999");

    assertThatThrownBy(huge::bigIntegerValue).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void aNumberOfAnotherKindIsCopiedAsTheNumberItWrites() {
    assertThat(ExactNumber.copyOf(NODES.numberNode(new BigDecimal("1.50"))).asText())
        .isEqualTo("1.50");
    assertThat(ExactNumber.copyOf(NODES.numberNode(12)).asText()).isEqualTo("12");
    assertThat(ExactNumber.copyOf(NODES.numberNode(1e10)).asText()).isEqualTo("1.0E10");
    ExactNumber exact = ExactNumber.of("1e5");
    assertThat(ExactNumber.copyOf(exact)).isSameAs(exact);
  }

  @Test
  void whatIsNotAFiniteNumberCannotBeCopied() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ExactNumber.copyOf(NODES.numberNode(Double.NaN)));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ExactNumber.copyOf(NODES.numberNode(Double.POSITIVE_INFINITY)));
    assertThatIllegalArgumentException().isThrownBy(() -> ExactNumber.copyOf(NODES.textNode("1")));
  }

  @Test
  void anEntryBuiltFromAnyTreeEqualsTheEntryReadBackFromItsText() throws Exception {
    JsonNode plain = Fixtures.json("entries/extreme-numbers.json");

    AddressEntry built = AddressEntry.of(plain);

    assertThat(AddressEntry.read(ExactJson.WRITER.writeValueAsString(built))).isEqualTo(built);
  }

  /**
   * Before numbers kept their spelling, decimals were written as BigDecimal writes them: such a
   * document reads and writes back unchanged.
   */
  @Test
  void aDocumentWrittenByTheEarlierDecimalWriterReadsBackUnchanged() throws Exception {
    String stored =
        "{\"full_name\":\"Old\",\"addresses\":[{\"kind\":\"home\",\"unit_number\":1.50,"
            + "\"street_name\":\"S\",\"pincode\":1E+400,\"country\":\"X\","
            + "\"street_number\":0.0025}],\"phone_numbers\":[{\"kind\":\"home\","
            + "\"country_code\":1E+5,\"local_number\":12345678901234567890}]}";

    assertThat(ExactJson.WRITER.writeValueAsString(AddressEntry.read(stored))).isEqualTo(stored);
  }
}
