package io.branchlink.protocol.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.mqtt.Topics.DeviceTopic;
import io.branchlink.protocol.mqtt.Topics.Kind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTests {

    @Nested
    class Templates {

        @Test
        void buildDeviceTopics() {
            assertThat(Topics.events("BR001", "ITM00101", "cash-units-changed"))
                    .isEqualTo("branchlink/BR001/devices/ITM00101/events/cash-units-changed");
            assertThat(Topics.commands("BR001", "ITM00101")).isEqualTo("branchlink/BR001/devices/ITM00101/commands");
            assertThat(Topics.state("BR001", "ITM00101")).isEqualTo("branchlink/BR001/devices/ITM00101/state");
            assertThat(Topics.presence("BR001", "ITM00101")).isEqualTo("branchlink/BR001/devices/ITM00101/presence");
        }

        @Test
        void buildTheHubsFilters() {
            assertThat(Topics.branchEvents("BR001")).isEqualTo("branchlink/BR001/devices/+/events/#");
            assertThat(Topics.branchStates("BR001")).isEqualTo("branchlink/BR001/devices/+/state");
            assertThat(Topics.branchPresence("BR001")).isEqualTo("branchlink/BR001/devices/+/presence");
            assertThat(Topics.branchEvents("BR001", "qr-scanned"))
                    .isEqualTo("branchlink/BR001/devices/+/events/qr-scanned");
            assertThat(Topics.branchAll("BR001")).isEqualTo("branchlink/BR001/#");
        }

        @Test
        void buildADevicesOwnEventsFilter() {
            assertThat(Topics.deviceEvents("BR001", "ITM00101"))
                    .isEqualTo("branchlink/BR001/devices/ITM00101/events/#");
        }

        @Test
        void buildTheHubsOwnTopicsOutsideTheDeviceTree() {
            assertThat(Topics.deadLetter("BR001")).isEqualTo("branchlink/BR001/hub/dead-letter");
            assertThat(Topics.unaddressedCommands("BR001")).isEqualTo("branchlink/BR001/hub/unaddressed-commands");
            assertThat(Topics.parse(Topics.deadLetter("BR001"))).isEmpty();
            assertThat(Topics.parse(Topics.unaddressedCommands("BR001"))).isEmpty();
        }

        @Test
        void retainOnlyStateAndPresence() {
            assertThat(Kind.STATE.retained()).isTrue();
            assertThat(Kind.PRESENCE.retained()).isTrue();
            assertThat(Kind.EVENTS.retained()).isFalse();
            assertThat(Kind.COMMANDS.retained()).isFalse();
            for (Kind kind : Kind.values()) {
                assertThat(kind.qos()).isEqualTo(1);
            }
        }
    }

    @Nested
    class Validation {

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"+", "#", "BR/001", "BR001/+", "BR 001", "$SYS", "BR\u0000",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
        void refusesIdsThatCouldChangeTheTopic(String id) {
            assertThatThrownBy(() -> Topics.state(id, "ITM00101")).isInstanceOfAny(IllegalArgumentException.class,
                    NullPointerException.class);
            assertThatThrownBy(() -> Topics.commands("BR001", id)).isInstanceOfAny(IllegalArgumentException.class,
                    NullPointerException.class);
            assertThatThrownBy(() -> Topics.branchAll(id)).isInstanceOfAny(IllegalArgumentException.class,
                    NullPointerException.class);
            assertThatThrownBy(() -> Topics.deadLetter(id)).isInstanceOfAny(IllegalArgumentException.class,
                    NullPointerException.class);
            assertThatThrownBy(() -> Topics.deviceEvents("BR001", id)).isInstanceOfAny(
                    IllegalArgumentException.class, NullPointerException.class);
            assertThat(Topics.isId(id)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "#", "a/b", "Cash", "cash units"})
        void refusesEventTypesOutsideKebabCase(String eventType) {
            assertThatThrownBy(() -> Topics.events("BR001", "ITM00101", eventType))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> Topics.branchEvents("BR001", eventType))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void acceptsDotsDashesAndUnderscores() {
            assertThat(Topics.state("br-1.north", "ITM_001")).isEqualTo("branchlink/br-1.north/devices/ITM_001/state");
        }
    }

    @Nested
    class Parsing {

        @Test
        void readsBackEveryKindOfDeviceTopic() {
            assertThat(Topics.parse(Topics.events("BR001", "ITM00101", "device-faulted")))
                    .contains(new DeviceTopic("BR001", "ITM00101", Kind.EVENTS, "device-faulted"));
            assertThat(Topics.parse(Topics.commands("BR001", "ITM00101")))
                    .contains(new DeviceTopic("BR001", "ITM00101", Kind.COMMANDS, null));
            assertThat(Topics.parse(Topics.state("BR001", "ITM00101")))
                    .contains(new DeviceTopic("BR001", "ITM00101", Kind.STATE, null));
            assertThat(Topics.parse(Topics.presence("BR001", "ITM00101")))
                    .contains(new DeviceTopic("BR001", "ITM00101", Kind.PRESENCE, null));
        }

        @ParameterizedTest
        @ValueSource(strings = {"branchlink/BR001/devices/+/state", "branchlink/BR001/devices/ITM00101/events/#",
                "other/BR001/devices/ITM00101/state", "branchlink/BR001/devices/ITM00101/state/extra",
                "branchlink/BR001/devices/ITM00101/events", "branchlink/BR001/things/ITM00101/state",
                "branchlink//devices/ITM00101/state", ""})
        void returnsNothingForFiltersAndForeignTopics(String topic) {
            assertThat(Topics.parse(topic)).isEmpty();
        }
    }
}
