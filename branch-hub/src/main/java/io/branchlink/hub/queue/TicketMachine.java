package io.branchlink.hub.queue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.channel.HubForms;
import io.branchlink.hub.device.DeviceCommands;
import io.branchlink.hub.device.DeviceKinds;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.hub.token.TokenPreCheck;
import io.branchlink.protocol.hubapi.ArrivalRequest;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.PrintTicket;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A queue-ticket machine read a code: the app's FORM code identifies the customer. The code is checked here first
 * (signature with channel-api's keys, expiry), then channel-api stages the customer's submitted forms at this branch
 * and issues their ticket ({@code POST /api/hub/v1/arrivals}); the ticket joins the queue at once and the machine is
 * told to print its number. A scan is acted on once however often MQTT delivers it ({@code hub.queue.scans}).
 * Refusals print nothing: each is one log line and a count in {@value #REFUSED} by reason. Scans of other device
 * kinds are the teller console's, and are left to it.
 *
 * @see io.branchlink.hub.queue.TicketMachineIntegrationTests
 */
@Service
class TicketMachine {

    static final String REFUSED = "branchlink.hub.queue.machine.refused";
    static final String SCANS = "hub.queue.scans";
    private static final Logger log = LoggerFactory.getLogger(TicketMachine.class);

    private final DeviceKinds devices;
    private final TokenPreCheck tokens;
    private final ChannelClient channel;
    private final TicketQueue queue;
    private final DeviceCommands commands;
    private final IMap<String, String> scans;
    private final String branchId;
    private final MeterRegistry meters;
    private final Clock clock;

    TicketMachine(DeviceKinds devices, TokenPreCheck tokens, ChannelClient channel, TicketQueue queue,
            DeviceCommands commands, HazelcastInstance hazelcast, HubProperties hub, MeterRegistry meters,
            Clock clock) {
        this.devices = devices;
        this.tokens = tokens;
        this.channel = channel;
        this.queue = queue;
        this.commands = commands;
        this.scans = hazelcast.getMap(SCANS);
        this.branchId = hub.branchId();
        this.meters = meters;
        this.clock = clock;
    }

    /** A {@code qr-scanned} event of {@code deviceId}; only ticket machines' scans are acted on. */
    void scanned(String deviceId, QrScanned scan) {
        Optional<DeviceState.DeviceKind> kind = devices.kindOf(deviceId);
        if (kind.isEmpty() || kind.get() != DeviceState.DeviceKind.TICKET_MACHINE) {
            return;
        }
        if (scans.putIfAbsent(deviceId + "/" + scan.scanId(), "", 10, TimeUnit.MINUTES) != null) {
            return;
        }
        Optional<TokenVerification> checked = tokens.check(scan.text(), TokenType.FORM, branchId);
        if (checked.isEmpty()) {
            refuse(deviceId, scan, "CANNOT_VERIFY");
            return;
        }
        if (checked.get() instanceof TokenVerification.Invalid invalid) {
            refuse(deviceId, scan, switch (invalid.failure()) {
                case MALFORMED, UNSUPPORTED_VERSION -> "NOT_BRANCHLINK";
                case UNKNOWN_KEY, BAD_SIGNATURE -> "FORGED";
                case EXPIRED -> "EXPIRED";
                case WRONG_TYPE -> "NOT_A_FORM_CODE";
                case WRONG_BRANCH -> "OTHER_BRANCH";
            });
            return;
        }
        QrToken token = ((TokenVerification.Valid) checked.get()).token();
        HubForms.ArrivalAnswer answer;
        try {
            answer = channel.arrival(new ArrivalRequest(token.tokenIdHex(), deviceId));
        } catch (ChannelUnavailableException e) {
            scans.delete(deviceId + "/" + scan.scanId());
            refuse(deviceId, scan, "CHANNEL_UNAVAILABLE");
            return;
        }
        if (!answer.ticketed()) {
            refuse(deviceId, scan, answer.code());
            return;
        }
        QueuedTicket ticket = queue.issued(answer.arrival().ticket());
        commands.send(deviceId, PrintTicket.of(UUID.randomUUID().toString(), scan.scanId(), ticket.label(),
                ticket.formsStaged(), clock.instant()));
        log.info("queue.machine ticket device={} scanId={} number={} staged={}", deviceId, scan.scanId(),
                ticket.label(), answer.arrival().staged().size());
    }

    private void refuse(String deviceId, QrScanned scan, String reason) {
        log.info("queue.machine refused device={} scanId={} reason={}", deviceId, scan.scanId(), reason);
        meters.counter(REFUSED, "reason", reason).increment();
    }
}
