package io.branchlink.channel.stepup.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.passkey.PasskeyAssertion;
import io.branchlink.channel.passkey.PasskeyOutcome;
import io.branchlink.channel.passkey.PasskeyRequestOptions;
import io.branchlink.channel.passkey.Passkeys;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Completes pending step-ups with a factor of their phone. The caller is the bearer session of the step-up's
 * customer and phone; or, for a LOGIN step-up only, nobody yet: then knowing the step-up's id (handed out only to
 * whoever gave the right password) and passing a factor of that phone is the proof. Outcomes are values; the
 * controller turns them into answers after the transaction committed, so that a wrong code still counts.
 */
@Service
class StepUpService {

    private static final Logger log = LoggerFactory.getLogger(StepUpService.class);

    enum Kind {
        /** The factor verified: the step-up is VERIFIED. */
        VERIFIED,
        /** Not this caller's step-up, or no such step-up. */
        NOT_FOUND,
        /** Past its expiry. */
        EXPIRED,
        /** Already verified or used. */
        CLOSED,
        /** The step-up does not list this factor. */
        FACTOR_NOT_ACCEPTED,
        /** The factor said no: see {@code otp} or {@code passkey}. */
        FACTOR_REFUSED
    }

    record Attempt(Kind kind, StepUpStore.StepUp stepUp, SoftOtp.Verification otp, PasskeyOutcome passkey,
            PasskeyRequestOptions options) {

        static Attempt of(Kind kind, StepUpStore.StepUp stepUp) {
            return new Attempt(kind, stepUp, null, null, null);
        }
    }

    private final StepUpStore store;
    private final SoftOtp softOtp;
    private final Passkeys passkeys;
    private final Clock clock;
    private final MeterRegistry meters;

    StepUpService(StepUpStore store, SoftOtp softOtp, Passkeys passkeys, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.softOtp = softOtp;
        this.passkeys = passkeys;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional(readOnly = true)
    Optional<StepUpStore.StepUp> find(String id, CustomerPrincipal caller) {
        return store.find(id).filter(s -> visibleTo(s, caller));
    }

    @Transactional
    Attempt verifyOtp(String id, CustomerPrincipal caller, String code) {
        Attempt open = open(id, caller, StepUpFactor.SOFT_OTP);
        if (open != null) {
            return open;
        }
        StepUpStore.StepUp stepUp = store.find(id).orElseThrow();
        SoftOtp.Verification verification = softOtp.verify(stepUp.customerId(), stepUp.deviceId(), code);
        if (!verification.verified()) {
            return outcome(new Attempt(Kind.FACTOR_REFUSED, stepUp, verification, null, null),
                    StepUpFactor.SOFT_OTP, verification.outcome().name());
        }
        return verified(stepUp, StepUpFactor.SOFT_OTP);
    }

    @Transactional
    Attempt passkeyOptions(String id, CustomerPrincipal caller) {
        Attempt open = open(id, caller, StepUpFactor.BIOMETRIC);
        if (open != null) {
            return open;
        }
        StepUpStore.StepUp stepUp = store.find(id).orElseThrow();
        return new Attempt(Kind.VERIFIED, stepUp, null, null,
                passkeys.assertionOptions(stepUp.customerId(), stepUp.deviceId()));
    }

    @Transactional
    Attempt verifyPasskey(String id, CustomerPrincipal caller, PasskeyAssertion assertion) {
        Attempt open = open(id, caller, StepUpFactor.BIOMETRIC);
        if (open != null) {
            return open;
        }
        StepUpStore.StepUp stepUp = store.find(id).orElseThrow();
        PasskeyOutcome outcome = passkeys.verify(stepUp.customerId(), stepUp.deviceId(), assertion);
        if (outcome != PasskeyOutcome.VERIFIED) {
            return outcome(new Attempt(Kind.FACTOR_REFUSED, stepUp, null, outcome, null), StepUpFactor.BIOMETRIC,
                    outcome.name());
        }
        return verified(stepUp, StepUpFactor.BIOMETRIC);
    }

    /** Locks the step-up and returns why it cannot take the factor now, or null when it can. */
    private Attempt open(String id, CustomerPrincipal caller, StepUpFactor factor) {
        Optional<StepUpStore.StepUp> found = store.lock(id).filter(s -> visibleTo(s, caller));
        if (found.isEmpty()) {
            return Attempt.of(Kind.NOT_FOUND, null);
        }
        StepUpStore.StepUp stepUp = found.get();
        Instant now = clock.instant();
        StepUpStore.Status status = stepUp.statusAt(now);
        if (status == StepUpStore.Status.EXPIRED) {
            if (stepUp.status() != StepUpStore.Status.EXPIRED) {
                store.expired(id);
                count(stepUp, "expired");
            }
            return outcome(Attempt.of(Kind.EXPIRED, stepUp), factor, "expired");
        }
        if (status != StepUpStore.Status.PENDING) {
            return outcome(Attempt.of(Kind.CLOSED, stepUp), factor, status.name().toLowerCase());
        }
        if (!stepUp.factors().contains(factor)) {
            return outcome(Attempt.of(Kind.FACTOR_NOT_ACCEPTED, stepUp), factor, "factor-not-accepted");
        }
        return null;
    }

    private Attempt verified(StepUpStore.StepUp stepUp, StepUpFactor factor) {
        store.verified(stepUp.id(), factor, clock.instant());
        count(stepUp, "verified");
        log.info("step-up verified action={} customer={} device={} factor={}", stepUp.action(), stepUp.customerId(),
                stepUp.deviceId(), factor);
        return Attempt.of(Kind.VERIFIED, store.find(stepUp.id()).orElseThrow());
    }

    private Attempt outcome(Attempt attempt, StepUpFactor factor, String reason) {
        count(attempt.stepUp(), "refused");
        log.info("step-up refused action={} customer={} device={} factor={} reason={}",
                attempt.stepUp().action(), attempt.stepUp().customerId(), attempt.stepUp().deviceId(), factor,
                reason);
        return attempt;
    }

    private void count(StepUpStore.StepUp stepUp, String result) {
        meters.counter("branchlink.risk.stepups", "action", stepUp.action().name(), "result", result).increment();
    }

    /**
     * A session sees the step-ups of its own customer and phone; without a session only a LOGIN step-up is
     * reachable, by its id.
     */
    private static boolean visibleTo(StepUpStore.StepUp stepUp, CustomerPrincipal caller) {
        if (caller == null) {
            return stepUp.action() == RiskAction.LOGIN;
        }
        return stepUp.customerId().equals(caller.customerId()) && stepUp.deviceId().equals(caller.deviceId());
    }
}
