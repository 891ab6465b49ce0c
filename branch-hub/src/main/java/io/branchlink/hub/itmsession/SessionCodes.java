package io.branchlink.hub.itmsession;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.device.DeviceCommands;
import io.branchlink.hub.device.DeviceKinds;
import io.branchlink.protocol.hubapi.ItmSessionCode;
import io.branchlink.protocol.mqtt.ShowSessionCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Keeps one current session code per connected ITM: an ITM without a code, or whose code expires within
 * {@code renew-before}, gets a new one from channel-api, sent as a {@link ShowSessionCode} command; so does an ITM
 * whose code a phone has just claimed. The codes are
 * kept in memory only: a hub that restarts sends every ITM a new one on its first turn, and the ITMs' old codes stay
 * claimable until they expire. A failure for one ITM is logged and counted, and tried again on the next turn.
 *
 * @see io.branchlink.hub.itmsession.ItmSessionsIntegrationTests
 */
@Service
class SessionCodes {

    private static final Logger log = LoggerFactory.getLogger(SessionCodes.class);

    private final ChannelClient channel;
    private final DeviceKinds devices;
    private final DeviceCommands commands;
    private final ItmSessionProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, ItmSessionCode> current = new ConcurrentHashMap<>();

    SessionCodes(ChannelClient channel, DeviceKinds devices, DeviceCommands commands,
            ItmSessionProperties properties, MeterRegistry meters, Clock clock) {
        this.channel = channel;
        this.devices = devices;
        this.commands = commands;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** @return how many ITMs were sent a new code */
    int refresh() {
        int sent = 0;
        Instant renewFrom = clock.instant().plus(properties.renewBefore());
        for (String itm : devices.onlineItms()) {
            ItmSessionCode code = current.get(itm);
            if (code != null && code.expiresAt().isAfter(renewFrom)) {
                continue;
            }
            if (renew(itm)) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * A phone claimed the code {@code sessionId} that {@code terminalId} shows: the ITM gets a new code at once, so
     * the next customer does not scan a code already taken.
     */
    void claimed(String terminalId, String sessionId) {
        ItmSessionCode code = current.get(terminalId);
        if (code != null && code.sessionId().equals(sessionId) && current.remove(terminalId, code)) {
            renew(terminalId);
        }
    }

    private boolean renew(String itm) {
        try {
            ItmSessionCode fresh = channel.itmSessionCode(itm);
            commands.send(itm, ShowSessionCode.of(UUID.randomUUID().toString(), fresh.sessionId(), fresh.code(),
                    fresh.expiresAt(), clock.instant()));
            current.put(itm, fresh);
            return true;
        } catch (RuntimeException e) {
            meters.counter("branchlink.hub.itm_sessions.code_failures").increment();
            log.warn("itm-session.code failed terminal={} reason={}", itm, e.getClass().getSimpleName());
            return false;
        }
    }

    /** The code an ITM was last sent, for operators and tests. */
    Optional<ItmSessionCode> currentCode(String terminalId) {
        return Optional.ofNullable(current.get(terminalId));
    }
}
