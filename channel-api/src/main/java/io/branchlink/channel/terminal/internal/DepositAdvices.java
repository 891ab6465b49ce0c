package io.branchlink.channel.terminal.internal;

import io.branchlink.protocol.hubapi.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Counts deposit advices by what became of them ({@code branchlink_terminal_deposit_advices_total{outcome}}):
 * {@code credited}, {@code duplicate} (the key was credited before: the lost 0210's 0200, or a repeated advice) or
 * {@code refused} (the ITM keeps the notes on an exception record), with one log line each.
 */
@Component
public class DepositAdvices {

    private static final Logger log = LoggerFactory.getLogger(DepositAdvices.class);

    private final Counter credited;
    private final Counter duplicate;
    private final Counter refused;

    DepositAdvices(MeterRegistry meters) {
        this.credited = counter(meters, "credited");
        this.duplicate = counter(meters, "duplicate");
        this.refused = counter(meters, "refused");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("branchlink.terminal.deposit.advices").tag("outcome", outcome)
                .description("Deposit advices (0220) by outcome").register(meters);
    }

    /** @param stored true when the key had been decided before and {@code decision} is its stored answer */
    public void counted(Decision decision, boolean stored) {
        boolean approved = "APPROVED".equals(decision.irc());
        if (approved && stored) {
            duplicate.increment();
            log.info("deposit advice answered as duplicate, no second credit");
        } else if (approved) {
            credited.increment();
            log.info("deposit advice credited");
        } else {
            refused.increment();
            log.info("deposit advice refused irc={}", decision.irc());
        }
    }
}
