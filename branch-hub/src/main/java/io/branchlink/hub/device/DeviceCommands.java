package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.AuthoriseSession;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.PrintTicket;
import io.branchlink.protocol.mqtt.PrintVoucher;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.ResetDevice;
import io.branchlink.protocol.mqtt.SetCashCounts;
import io.branchlink.protocol.mqtt.ShowSessionCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Sends commands to one device: operators' out-of-service, in-service, reset and set-cash-counts (built here with a
 * fresh command id), and any other module's command such as the teller console's print-voucher ({@link #send}). Each
 * is published at QoS 1 through {@code hub.device.sendCommand}, noted in the registry once the broker has it and
 * counted in {@code branchlink.hub.device.commands{command}}.
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
    private final Map<String, Counter> sent;

    DeviceCommands(ProducerTemplate camel, DeviceRegistry registry, Clock clock, MeterRegistry meters) {
        this.camel = camel;
        this.registry = registry;
        this.clock = clock;
        this.sent = List.of(PutOutOfService.NAME, PutInService.NAME, PrintVoucher.NAME, ResetDevice.NAME,
                        SetCashCounts.NAME, PrintTicket.NAME, ShowSessionCode.NAME, AuthoriseSession.NAME).stream()
                .collect(Collectors.toUnmodifiableMap(name -> name, name -> Counter.builder(
                                "branchlink.hub.device.commands")
                        .description("Commands this node published to the branch's devices, by command")
                        .tag("command", name)
                        .register(meters)));
    }

    /** The contract's name of a command, such as {@code put-out-of-service}. */
    public static String nameOf(Command command) {
        if (command instanceof PutOutOfService) {
            return PutOutOfService.NAME;
        }
        if (command instanceof PutInService) {
            return PutInService.NAME;
        }
        if (command instanceof ResetDevice) {
            return ResetDevice.NAME;
        }
        if (command instanceof SetCashCounts) {
            return SetCashCounts.NAME;
        }
        if (command instanceof PrintTicket) {
            return PrintTicket.NAME;
        }
        if (command instanceof ShowSessionCode) {
            return ShowSessionCode.NAME;
        }
        if (command instanceof AuthoriseSession) {
            return AuthoriseSession.NAME;
        }
        return PrintVoucher.NAME;
    }

    /** @param reason for operators, 1-256 characters; {@code null} for a default */
    public Command putOutOfService(String deviceId, String reason) {
        return send(deviceId, PutOutOfService.of(newCommandId(), reason == null ? DEFAULT_REASON : reason,
                clock.instant()));
    }

    public Command putInService(String deviceId) {
        return send(deviceId, PutInService.of(newCommandId(), clock.instant()));
    }

    public Command reset(String deviceId) {
        return send(deviceId, ResetDevice.of(newCommandId(), clock.instant()));
    }

    /** Tells an ITM the counted notes of its cash units (reconciliation). */
    public Command setCashCounts(String deviceId, List<SetCashCounts.Count> counts) {
        return send(deviceId, SetCashCounts.of(newCommandId(), counts, clock.instant()));
    }

    /** Publishes {@code command} on {@code deviceId}'s commands topic; returns once the broker has it. */
    public Command send(String deviceId, Command command) {
        camel.sendBodyAndHeader(DeviceRoutes.SEND_COMMAND, command, DeviceRoutes.DEVICE_ID, deviceId);
        registry.commandSent(deviceId, command);
        sent.get(nameOf(command)).increment();
        log.info("device.command deviceId={} command={} commandId={}", deviceId,
                command.getClass().getSimpleName(), command.commandId());
        return command;
    }

    private static String newCommandId() {
        return UUID.randomUUID().toString();
    }
}
