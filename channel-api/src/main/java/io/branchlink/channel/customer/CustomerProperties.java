package io.branchlink.channel.customer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param sessionTtl how long a bearer session lives after login
 * @param maxSessionsPerCustomer open sessions kept per customer; the oldest are ended past this
 * @param lockout when failed logins lock an account or a source address out
 * @param binding how a new phone proves it belongs to the customer
 * @param freshLogin enrolling a bound phone's soft OTP after binding needs a session opened at most this long ago
 */
@ConfigurationProperties("branchlink.channel.customer")
@Validated
record CustomerProperties(@DefaultValue("15m") Duration sessionTtl, @DefaultValue("5") int maxSessionsPerCustomer,
        @Valid @DefaultValue Lockout lockout, @Valid @DefaultValue Binding binding,
        @NotNull @DefaultValue("10m") Duration freshLogin) {

    /**
     * @param accountFailures consecutive failed logins (right username, wrong password, or an unknown username)
     *         that lock the username; a successful login resets the count, and it starts again when the lock ends
     * @param accountLock how long a locked username stays locked
     * @param sourceFailures failed logins from one source address within {@code sourceWindow} that lock the source
     * @param sourceWindow the sliding window in which a source's failures are counted
     * @param sourceLock how long a locked source stays locked
     * @param forgetAfter a username's run of failures is forgotten after this long without a failure or a lock
     * @param sweepInterval how often what no longer counts is deleted
     */
    record Lockout(@Min(1) @DefaultValue("5") int accountFailures, @NotNull @DefaultValue("15m") Duration accountLock,
            @Min(1) @DefaultValue("20") int sourceFailures, @NotNull @DefaultValue("15m") Duration sourceWindow,
            @NotNull @DefaultValue("15m") Duration sourceLock, @NotNull @DefaultValue("24h") Duration forgetAfter,
            @NotNull @DefaultValue("5m") Duration sweepInterval) {
    }

    /**
     * @param challengeTtl how long a binding challenge (its SMS code or its approval) can be used
     * @param maxCodeAttempts wrong codes after which the challenge is dead
     * @param maxChallengesPerHour challenges a customer may open in an hour (each may send an SMS)
     */
    record Binding(@NotNull @DefaultValue("5m") Duration challengeTtl, @Min(1) @DefaultValue("5") int maxCodeAttempts,
            @Min(1) @DefaultValue("5") int maxChallengesPerHour) {
    }
}
