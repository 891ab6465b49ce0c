package io.branchlink.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonInputLimitsTests {

    private static final ObjectMapper JSON = mapper();

    private static ObjectMapper mapper() {
        return JsonInputLimits.applyTo(new ObjectMapper());
    }

    record Amount(BigDecimal amount) {
    }

    record Name(String name) {
    }

    @Nested
    class Decimals {

        @ParameterizedTest
        @ValueSource(strings = {"1e999999999", "-1E+400", "1e-999999999", "1234567890123456", "0.0000001"})
        void beyondTheDigitLimitsAreRefusedWithTheRule(String literal) {
            assertThatThrownBy(() -> JSON.readValue("{\"amount\":" + literal + "}", Amount.class))
                    .isInstanceOf(InvalidFormatException.class)
                    .hasMessageContaining(JsonInputLimits.DECIMAL_RULE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"500", "500.00", "123456789012345", "0.000001", "5E+2"})
        void withinTheLimitsAreRead(String literal) throws Exception {
            assertThat(JSON.readValue("{\"amount\":" + literal + "}", Amount.class).amount())
                    .isEqualByComparingTo(new BigDecimal(literal));
        }

        @Test
        void aLiteralLongerThanTheParserLimitIsRefusedWhileReading() {
            assertThatThrownBy(() -> JSON.readValue("{\"amount\":1" + "0".repeat(40) + "}", Amount.class))
                    .isInstanceOf(StreamConstraintsException.class);
        }

        @Test
        void aStringHoldingDigitsIsNotANumber() {
            assertThatThrownBy(() -> JSON.readValue("{\"amount\":\"100\"}", Amount.class))
                    .isInstanceOf(MismatchedInputException.class);
        }
    }

    @Nested
    class Text {

        @Test
        void aControlCharacterIsRefusedWithoutRepeatingTheText() {
            assertThatThrownBy(() -> JSON.readValue("{\"name\":\"secret\\u0000\"}", Name.class))
                    .isInstanceOf(InvalidFormatException.class)
                    .hasMessageContaining(JsonInputLimits.TEXT_RULE)
                    .hasMessageNotContaining("secret");
        }

        @Test
        void tabsAndLineBreaksAndChineseArePlainText() throws Exception {
            assertThat(JSON.readValue("{\"name\":\"王芳\\tWang\\r\\nFang\"}", Name.class).name())
                    .isEqualTo("王芳\tWang\r\nFang");
        }

        @Test
        void aKeyWithAControlCharacterIsRefused() {
            assertThatThrownBy(() -> JSON.readValue("{\"a\\u0001\":\"x\"}", new TypeReference<Map<String, String>>() { }))
                    .isInstanceOf(InvalidFormatException.class);
        }

        @Test
        void aNumberIsNotText() {
            assertThatThrownBy(() -> JSON.readValue("{\"name\":12345}", Name.class))
                    .isInstanceOf(MismatchedInputException.class);
        }
    }
}
