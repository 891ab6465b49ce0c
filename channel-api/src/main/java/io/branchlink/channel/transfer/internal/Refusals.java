package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An expected refusal of a transfer request: one log line and one count ({@code branchlink.channel.transfers.refused}
 * by {@code irc} and {@code reason}), then the problem the client gets.
 */
@Component
class Refusals {

    private static final Logger log = LoggerFactory.getLogger(Refusals.class);

    private final MeterRegistry meters;

    Refusals(MeterRegistry meters) {
        this.meters = meters;
    }

    ApiException refuse(UUID customerId, Irc irc, String reason, String detail) {
        log.info("transfer refused customer={} irc={} reason={}", customerId, irc, reason);
        meters.counter("branchlink.channel.transfers.refused", "irc", irc.name(), "reason", reason).increment();
        ApiException refusal = new ApiException(irc, detail);
        refusal.getBody().setProperty("reason", reason);
        return refusal;
    }
}
