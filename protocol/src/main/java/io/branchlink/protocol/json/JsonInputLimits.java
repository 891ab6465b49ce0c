package io.branchlink.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * The bounds every JSON body from outside is read within, before any value reaches a feature (the HTTP APIs of
 * channel-api and of the branch hub register them on their ObjectMapper):
 * <ul>
 *   <li>a number literal has at most {@value #MAX_NUMBER_LENGTH} characters, a string
 *       {@value #MAX_STRING_LENGTH}, nesting is at most {@value #MAX_NESTING_DEPTH} deep;</li>
 *   <li>a decimal has at most {@value #MAX_INTEGER_DIGITS} integer and {@value #MAX_FRACTION_DIGITS} fraction digits,
 *       so {@code 1e999999999} (cheap to parse, but minutes and gigabytes to print or rescale) is refused at once;</li>
 *   <li>a string is never taken for a number or a boolean ({@code "amount":"100"}), a number never for a string or
 *       an integer ({@code "stan":1.5});</li>
 *   <li>no text or key carries a control character (a NUL byte in a login name) other than tab and line breaks.</li>
 * </ul>
 * Each refusal is an {@link InvalidFormatException} or a {@link com.fasterxml.jackson.core.exc.StreamConstraintsException}
 * that names the field, for the application to answer as a 400 problem. Refusal messages never repeat the text sent.
 *
 * @see io.branchlink.protocol.json.JsonInputLimitsTests
 */
public final class JsonInputLimits {

    /** Longest number literal, in characters: an amount has at most 15 + 1 + 6 digits and a sign. */
    public static final int MAX_NUMBER_LENGTH = 32;
    public static final int MAX_INTEGER_DIGITS = 15;
    public static final int MAX_FRACTION_DIGITS = 6;
    /** Longest string value, in characters; the largest legitimate one is a signed token of about 400. */
    public static final int MAX_STRING_LENGTH = 16 * 1024;
    public static final int MAX_NESTING_DEPTH = 16;

    /** What {@link BoundedDecimal} says a refused number must be. */
    public static final String DECIMAL_RULE = "a number with at most " + MAX_INTEGER_DIGITS + " integer and "
            + MAX_FRACTION_DIGITS + " fraction digits";
    /** What {@link PlainText} says a refused string must be. */
    public static final String TEXT_RULE = "text without control characters";

    /** The features to disable on the mapper. */
    public static final List<Object> DISABLED = List.of(MapperFeature.ALLOW_COERCION_OF_SCALARS,
            DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    /** The features to enable on the mapper. */
    public static final List<Object> ENABLED = List.of(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
            DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonInputLimits() {
    }

    /** The deserializers for decimals, strings and object keys. */
    public static SimpleModule module() {
        return new SimpleModule("branchlink-json-input-limits")
                .addDeserializer(BigDecimal.class, new BoundedDecimal())
                .addDeserializer(String.class, new PlainText())
                .addKeyDeserializer(String.class, new PlainTextKey());
    }

    /**
     * Holds {@code mapper} to the limits: the module, the features and the parser's constraints. For a mapper built
     * by hand (Spring Boot applications apply the same parts through its builder, as channel-api does).
     *
     * @return {@code mapper}
     */
    @SuppressWarnings("deprecation") // MapperFeature on a built mapper: there is no builder to set it on
    public static ObjectMapper applyTo(ObjectMapper mapper) {
        mapper.registerModule(module());
        for (Object feature : DISABLED) {
            configure(mapper, feature, false);
        }
        for (Object feature : ENABLED) {
            configure(mapper, feature, true);
        }
        mapper.getFactory().setStreamReadConstraints(constraints());
        return mapper;
    }

    @SuppressWarnings("deprecation")
    private static void configure(ObjectMapper mapper, Object feature, boolean state) {
        if (feature instanceof MapperFeature mapperFeature) {
            mapper.configure(mapperFeature, state);
        } else {
            mapper.configure((DeserializationFeature) feature, state);
        }
    }

    /** The parser's own limits, checked while the text is read. */
    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .build();
    }

    /** A JSON number within the digit limits; a string, even one holding digits, is refused. */
    static final class BoundedDecimal extends StdScalarDeserializer<BigDecimal> {

        BoundedDecimal() {
            super(BigDecimal.class);
        }

        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                return (BigDecimal) context.handleUnexpectedToken(BigDecimal.class, parser);
            }
            // precision() and scale() are cheap whatever the exponent; nothing here expands the number.
            BigDecimal value = parser.getDecimalValue();
            long integerDigits = (long) value.precision() - value.scale();
            if (integerDigits > MAX_INTEGER_DIGITS || value.scale() > MAX_FRACTION_DIGITS) {
                throw InvalidFormatException.from(parser, DECIMAL_RULE, parser.getText(), BigDecimal.class);
            }
            return value;
        }
    }

    /** A string value without control characters other than tab, carriage return and line feed. */
    static final class PlainText extends StdScalarDeserializer<String> {

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            return checked(parser, StringDeserializer.instance.deserialize(parser, context));
        }
    }

    /** An object key, such as a form field's name, held to the same characters as a string value. */
    static final class PlainTextKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(context.getParser(), key);
        }
    }

    static String checked(JsonParser parser, String text) throws InvalidFormatException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
                throw InvalidFormatException.from(parser, TEXT_RULE, "(withheld)", String.class);
            }
        }
        return text;
    }
}
