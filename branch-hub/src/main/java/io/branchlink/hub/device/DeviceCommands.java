package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.PutOutOfService;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends commands to one device: operators' out-of-service and in-service (built here with a fresh command id), and
 * any other module's command such as the teller console's print-voucher ({@link #send}). Each is published at QoS 1
 * through {@code hub.device.sendCommand} and noted in the registry once the broker has it.
 *
 * @see io.branchlink.hub.device.DeviceCommandsIntegrationTests
 */
@Service
public class DeviceCommands {

    static final String DEFAULT_REASON = "Requested at the branch hub";
    private static final Logger log = LoggerFactory.getLogger(DeviceCommands.class);

    private final ProducerTemplate camel;
    private final DeviceRegistry registry;
    private final Clock clock;

    DeviceCommands(ProducerTemplate camel, DeviceRegistry registry, Clock clock) {
        this.camel = camel;
        this.registry = registry;
        this.clock = clock;
    }

    Command putOutOfService(String deviceId, String reason) {
        return send(deviceId, PutOutOfService.of(newCommandId(), reason == null ? DEFAULT_REASON : reason,
                clock.instant()));
    }

    Command putInService(String deviceId) {
        return send(deviceId, PutInService.of(newCommandId(), clock.instant()));
    }

    /** Publishes {@code command} on {@code deviceId}'s commands topic; returns once the broker has it. */
    public Command send(String deviceId, Command command) {
        camel.sendBodyAndHeader(DeviceRoutes.SEND_COMMAND, command, DeviceRoutes.DEVICE_ID, deviceId);
        registry.commandSent(deviceId, command);
        log.info("device.command deviceId={} command={} commandId={}", deviceId,
                command.getClass().getSimpleName(), command.commandId());
        return command;
    }

    private static String newCommandId() {
        return UUID.randomUUID().toString();
    }
}
