package io.branchlink.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.mqtt.MqttPayloadException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MqttJsonTests {

    private static final ObjectMapper TREES = new ObjectMapper();

    static Stream<Arguments> golden() {
        return MqttFixtures.golden().entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    private static byte[] readGolden(String name) throws IOException {
        try (InputStream in = MqttJsonTests.class.getResourceAsStream("/golden/mqtt/" + name + ".json")) {
            return in.readAllBytes();
        }
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(byte[] payload, Class<? extends MqttPayload> type, Reason reason,
            String field) {
        assertThatThrownBy(() -> MqttJson.decode(payload, type)).isInstanceOfSatisfying(MqttPayloadException.class,
                e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.field()).isEqualTo(field);
                });
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.branchlink.protocol.mqtt.MqttJsonTests#golden")
        void decodesWhatItEncodes(String name, MqttPayload payload) {
            MqttPayload decoded = MqttJson.decode(MqttJson.encode(payload), MqttFixtures.typeOf(payload));

            assertThat(decoded).isEqualTo(payload);
            assertThat(decoded).usingRecursiveComparison().isEqualTo(payload);
        }

        @Test
        void writesInstantsAsIso8601Text() {
            assertThat(new String(MqttJson.encode(Presence.online(MqttFixtures.AT)), StandardCharsets.UTF_8))
                    .contains("\"at\":\"2026-03-01T08:30:15Z\"");
        }

        @Test
        void leavesOptionalFieldsOutWhenAbsent() {
            DeviceFaulted fault = DeviceFaulted.of("QR_SCANNER", "E1", null, MqttFixtures.AT);

            assertThat(new String(MqttJson.encode(fault), StandardCharsets.UTF_8)).doesNotContain("description");
            assertThat(MqttJson.decode(MqttJson.encode(fault), DeviceEvent.class)).isEqualTo(fault);
        }
    }

    @Nested
    class Golden {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.branchlink.protocol.mqtt.MqttJsonTests#golden")
        void readsTheFixtureAndWritesTheSameJson(String name, MqttPayload expected) throws IOException {
            byte[] fixture = readGolden(name);

            assertThat(MqttJson.decode(fixture, MqttFixtures.typeOf(expected))).isEqualTo(expected);
            JsonNode written = TREES.readTree(MqttJson.encode(expected));
            assertThat(written).isEqualTo(TREES.readTree(fixture));
        }

        @Test
        void carriesTheTopicEventTypeAsTheJsonType() throws IOException {
            for (MqttPayload payload : MqttFixtures.golden().values()) {
                if (payload instanceof DeviceEvent event) {
                    assertThat(TREES.readTree(MqttJson.encode(event)).get("type").asText())
                            .isEqualTo(event.eventType());
                }
            }
        }
    }

    @Nested
    class ForwardCompatibility {

        @Test
        void ignoresFieldsItDoesNotKnow() {
            Presence presence = MqttJson.decode(json(
                    "{\"schemaVersion\":1,\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\",\"battery\":93}"),
                    Presence.class);

            assertThat(presence).isEqualTo(Presence.online(MqttFixtures.AT));
        }

        @Test
        void rejectsANewerSchemaVersion() {
            assertRejected(json("{\"schemaVersion\":2,\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\"}"),
                    Presence.class, Reason.UNSUPPORTED_VERSION, "schemaVersion");
        }
    }

    @Nested
    class Rejects {

        @Test
        void aPayloadOver64KibBeforeParsing() {
            byte[] big = new byte[MqttJson.MAX_PAYLOAD_BYTES + 1];
            assertRejected(big, Presence.class, Reason.TOO_LARGE, null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not json", "{\"schemaVersion\":1,", "[1,2]", "null", "\"ONLINE\"",
                "{\"schemaVersion\":1,\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\"} {}"})
        void malformedJson(String text) {
            assertThatThrownBy(() -> MqttJson.decode(json(text), Presence.class))
                    .isInstanceOfSatisfying(MqttPayloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED));
        }

        @Test
        void deeplyNestedJson() {
            String deep = "{\"x\":".repeat(100) + "1" + "}".repeat(100);
            assertRejected(json(deep), Presence.class, Reason.MALFORMED, null);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\"}|schemaVersion",
                "{\"schemaVersion\":1,\"at\":\"2026-03-01T08:30:15Z\"}|status",
                "{\"schemaVersion\":1,\"status\":null,\"at\":\"2026-03-01T08:30:15Z\"}|status",
                "{\"schemaVersion\":1,\"status\":\"ONLINE\"}|at"})
        void aMissingRequiredField(String text, String field) {
            assertRejected(json(text), Presence.class, Reason.MISSING_FIELD, field);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"schemaVersion\":1,\"status\":\"SLEEPING\",\"at\":\"2026-03-01T08:30:15Z\"}|status",
                "{\"schemaVersion\":1,\"status\":\"ONLINE\",\"at\":\"yesterday\"}|at",
                "{\"schemaVersion\":\"1\",\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\"}|schemaVersion",
                "{\"schemaVersion\":0,\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\"}|"})
        void anInvalidField(String text, String field) {
            assertRejected(json(text), Presence.class, Reason.INVALID_FIELD, field);
        }

        @Test
        void anInvalidNestedValueNamingItsPath() {
            String state = "{\"schemaVersion\":1,\"deviceKind\":\"ITM\",\"status\":\"IN_SERVICE\",\"cashUnits\":["
                    + "{\"unitId\":\"CST1\",\"denomination\":{\"minorUnits\":10000,\"currency\":\"CNY\"},"
                    + "\"count\":\"many\"}],\"at\":\"2026-03-01T08:30:15Z\"}";
            assertRejected(json(state), DeviceState.class, Reason.INVALID_FIELD, "cashUnits[0].count");
        }

        @Test
        void aNegativeCount() {
            String state = "{\"schemaVersion\":1,\"deviceKind\":\"ITM\",\"status\":\"IN_SERVICE\",\"cashUnits\":["
                    + "{\"unitId\":\"CST1\",\"denomination\":{\"minorUnits\":10000,\"currency\":\"CNY\"},"
                    + "\"count\":-1}],\"at\":\"2026-03-01T08:30:15Z\"}";
            assertRejected(json(state), DeviceState.class, Reason.INVALID_FIELD, "cashUnits[0]");
        }

        @Test
        void anUnknownEventType() {
            assertRejected(json("{\"type\":\"door-opened\",\"schemaVersion\":1,\"at\":\"2026-03-01T08:30:15Z\"}"),
                    DeviceEvent.class, Reason.UNKNOWN_TYPE, null);
        }

        @Test
        void anEventWithoutType() {
            assertThatThrownBy(() -> MqttJson.decode(json("{\"schemaVersion\":1}"), DeviceEvent.class))
                    .isInstanceOfSatisfying(MqttPayloadException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.MISSING_FIELD));
        }

        @Test
        void aFullAccountNumberInATransactionSummary() {
            String event = "{\"type\":\"transaction-completed\",\"schemaVersion\":1,\"transactionId\":\"T1\","
                    + "\"stan\":1,\"rrn\":\"606008000123\",\"kind\":\"WITHDRAWAL\","
                    + "\"amount\":{\"minorUnits\":100,\"currency\":\"CNY\"},\"result\":\"APPROVED\","
                    + "\"accountLast4\":\"6222021234567890\",\"at\":\"2026-03-01T08:30:15Z\"}";
            assertRejected(json(event), DeviceEvent.class, Reason.INVALID_FIELD, null);
        }

        @Test
        void anUnknownCommand() {
            assertRejected(json("{\"command\":\"self-destruct\",\"schemaVersion\":1,\"commandId\":\"c1\","
                    + "\"issuedAt\":\"2026-03-01T08:30:15Z\"}"), Command.class, Reason.UNKNOWN_TYPE, null);
        }

        @Test
        void aCashCountListingOneUnitTwice() {
            assertRejected(json("{\"command\":\"set-cash-counts\",\"schemaVersion\":1,\"commandId\":\"c1\","
                    + "\"counts\":[{\"unitId\":\"CST1\",\"count\":5},{\"unitId\":\"CST1\",\"count\":6}],"
                    + "\"issuedAt\":\"2026-03-01T08:30:15Z\"}"), Command.class, Reason.INVALID_FIELD, null);
        }

        @Test
        void aNegativeCashCount() {
            assertRejected(json("{\"command\":\"set-cash-counts\",\"schemaVersion\":1,\"commandId\":\"c1\","
                    + "\"counts\":[{\"unitId\":\"CST1\",\"count\":-1}],"
                    + "\"issuedAt\":\"2026-03-01T08:30:15Z\"}"), Command.class, Reason.INVALID_FIELD, "counts[0]");
        }
    }
}
