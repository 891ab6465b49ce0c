package io.branchlink.agent.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.service.ServiceControlled.ServiceStatus;
import io.branchlink.agent.service.ServiceSwitch.Taken;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.PutOutOfService;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ServiceSwitchTests {

    static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

    final ServiceSwitch service = new ServiceSwitch("ITM00101");

    static Command outOfService(String id) {
        return PutOutOfService.of(id, "cassette swap", AT);
    }

    static Command inService(String id) {
        return PutInService.of(id, AT);
    }

    @Nested
    class Commands {

        @Test
        void takesARedeliveredCommandOnlyOnce() {
            assertThat(service.take(outOfService("c-1"))).isEqualTo(Taken.SERVICE);
            assertThat(service.take(outOfService("c-1"))).isEqualTo(Taken.REPEAT);
        }

        @Test
        void ignoresARedeliveredPutInServiceAfterALaterPutOutOfService() {
            service.take(inService("c-1"));
            service.take(outOfService("c-2"));
            service.take(inService("c-1"));
            service.apply();
            assertThat(service.status()).isEqualTo(ServiceStatus.OUT_OF_SERVICE);
        }
    }

    @Nested
    class Status {

        @Test
        void changesOnlyWhenTheRequestIsApplied() {
            service.take(outOfService("c-1"));
            assertThat(service.status()).isEqualTo(ServiceStatus.IN_SERVICE);
            assertThat(service.apply()).isTrue();
            assertThat(service.status()).isEqualTo(ServiceStatus.OUT_OF_SERVICE);
            assertThat(service.reported()).isEqualTo(DeviceState.Status.OUT_OF_SERVICE);
        }

        @Test
        void reportsNoChangeWhenAlreadyInTheRequestedStatus() {
            service.take(inService("c-1"));
            assertThat(service.apply()).isFalse();
            assertThat(service.reported()).isEqualTo(DeviceState.Status.IN_SERVICE);
        }
    }
}
