package io.branchlink.hub.mqtt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.branchlink.hub.mqtt.internal.MqttAccessPolicy.Decision;
import io.branchlink.hub.mqtt.internal.MqttAccessPolicy.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MqttAccessPolicyTests {

    static final String SHA256_OF_SECRET_2 = HexFormat.of()
            .formatHex(MqttAccessPolicy.sha256("secret-2".getBytes(StandardCharsets.UTF_8)));

    final MqttAccessPolicy policy = new MqttAccessPolicy("BR001", "branch-hub", "hub-secret",
            Map.of("ITM-1", "secret-1", "ITM-2", "{sha256}" + SHA256_OF_SECRET_2.toUpperCase(),
                    "QTM00101", "secret-q"));

    static ByteBuffer password(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Nested
    class Devices {

        @Test
        void grantsADeviceOnlyItsOwnTopics() {
            Decision decision = policy.connect("ITM-1", "ITM-1", password("secret-1"));

            assertThat(decision.granted()).isTrue();
            assertThat(decision.hub()).isFalse();
            assertThat(decision.publish()).containsExactly("branchlink/BR001/devices/ITM-1/events/#",
                    "branchlink/BR001/devices/ITM-1/state", "branchlink/BR001/devices/ITM-1/presence");
            assertThat(decision.subscribe()).containsExactly("branchlink/BR001/devices/ITM-1/commands");
        }

        @Test
        void grantsATicketMachineOnlyItsScansStateAndPresence() {
            Decision decision = policy.connect("QTM00101", "QTM00101", password("secret-q"));

            assertThat(decision.granted()).isTrue();
            assertThat(decision.publish()).containsExactly("branchlink/BR001/devices/QTM00101/events/qr-scanned",
                    "branchlink/BR001/devices/QTM00101/state", "branchlink/BR001/devices/QTM00101/presence");
            assertThat(decision.subscribe()).containsExactly("branchlink/BR001/devices/QTM00101/commands");
        }

        @Test
        void acceptsAPasswordConfiguredAsItsSha256() {
            assertThat(policy.connect("ITM-2", "ITM-2", password("secret-2")).granted()).isTrue();
        }

        @Test
        void refusesAnotherDevicesPassword() {
            assertThat(policy.connect("ITM-1", "ITM-1", password("secret-2")).refusal())
                    .isEqualTo(Refusal.BAD_CREDENTIALS);
        }

        @Test
        void refusesAnUnknownDeviceAndAMissingPassword() {
            assertThat(policy.connect("ITM-9", "ITM-9", password("secret-1")).refusal())
                    .isEqualTo(Refusal.BAD_CREDENTIALS);
            assertThat(policy.connect("ITM-1", "ITM-1", null).refusal()).isEqualTo(Refusal.BAD_CREDENTIALS);
            assertThat(policy.connect("ITM-1", null, password("secret-1")).refusal())
                    .isEqualTo(Refusal.BAD_CREDENTIALS);
        }

        @Test
        void refusesAClientIdOtherThanTheDeviceId() {
            assertThat(policy.connect("ITM-2", "ITM-1", password("secret-1")).refusal())
                    .isEqualTo(Refusal.CLIENT_ID_MISMATCH);
        }
    }

    @Nested
    class Hub {

        @Test
        void grantsTheHubTheWholeBranch() {
            Decision decision = policy.connect("branch-hub-hub-1-presence", "branch-hub", password("hub-secret"));

            assertThat(decision.granted()).isTrue();
            assertThat(decision.hub()).isTrue();
            assertThat(decision.publish()).containsExactly("branchlink/BR001/#");
            assertThat(decision.subscribe()).containsExactly("branchlink/BR001/#");
        }

        @Test
        void refusesTheHubsUserWithAWrongPasswordOrAForeignClientId() {
            assertThat(policy.connect("branch-hub-x", "branch-hub", password("secret-1")).refusal())
                    .isEqualTo(Refusal.BAD_CREDENTIALS);
            assertThat(policy.connect("ITM-1", "branch-hub", password("hub-secret")).refusal())
                    .isEqualTo(Refusal.CLIENT_ID_MISMATCH);
        }
    }

    @Nested
    class Configuration {

        @Test
        void refusesDeviceIdsThatCannotBeATopicLevel() {
            assertThatIllegalArgumentException().isThrownBy(() -> new MqttAccessPolicy("BR001", "branch-hub", "x",
                    Map.of("ITM/1", "secret")));
            assertThatIllegalArgumentException().isThrownBy(() -> new MqttAccessPolicy("BR001", "branch-hub", "x",
                    Map.of("ITM+", "secret")));
        }

        @Test
        void refusesDeviceIdsThatCollideWithTheHub() {
            assertThatIllegalArgumentException().isThrownBy(() -> new MqttAccessPolicy("BR001", "branch-hub", "x",
                    Map.of("branch-hub-hub-1-presence", "secret")));
        }

        @Test
        void refusesAMalformedDigestAndAnEmptyPassword() {
            assertThatIllegalArgumentException().isThrownBy(() -> new MqttAccessPolicy("BR001", "branch-hub", "x",
                    Map.of("ITM-1", "{sha256}abc")));
            assertThatIllegalArgumentException().isThrownBy(() -> new MqttAccessPolicy("BR001", "branch-hub", "x",
                    Map.of("ITM-1", " ")));
        }
    }
}
