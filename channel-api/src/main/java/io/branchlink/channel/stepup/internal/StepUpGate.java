package io.branchlink.channel.stepup.internal;

import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.passkey.Passkeys;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks the risk engine for an action of the phone and acts on the answer (see {@link RiskGate}). The decision and a
 * new step-up are written in their own transaction, so that they stay when the action's transaction rolls back
 * with the refusal; using a step-up is a conditional UPDATE in the action's transaction, so that it stays VERIFIED
 * when the action fails.
 */
@Service
class StepUpGate implements RiskGate {

    private static final Logger log = LoggerFactory.getLogger(StepUpGate.class);
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final RiskEngine engine;
    private final StepUpStore store;
    private final SoftOtp softOtp;
    private final Passkeys passkeys;
    private final StepUpProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate ownTransaction;
    private final SecureRandom random = new SecureRandom();

    StepUpGate(RiskEngine engine, StepUpStore store, SoftOtp softOtp, Passkeys passkeys, StepUpProperties properties,
            Clock clock, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.engine = engine;
        this.store = store;
        this.softOtp = softOtp;
        this.passkeys = passkeys;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public RiskDecision check(RiskRequest request, String stepUpId) {
        RiskDecision decision = ownTransaction.execute(status -> engine.decide(request));
        return switch (decision.outcome()) {
            case ALLOW -> decision;
            case DENY -> throw refused(decision, "deny", new ApiException(Irc.RISK_DECLINED,
                    "This cannot be done now. If you think this is wrong, contact the bank."));
            case STEP_UP -> stepUp(request, decision, stepUpId, decision.factors());
        };
    }

    @Override
    public Optional<StepUpProof> proof(String stepUpId) {
        return store.find(stepUpId)
                .filter(stepUp -> stepUp.verifiedAt() != null && stepUp.verifiedFactor() != null)
                .map(stepUp -> new StepUpProof(stepUp.id(), stepUp.action(), stepUp.verifiedFactor().name(),
                        stepUp.verifiedAt(), HexFormat.of().formatHex(stepUp.requestDigest()), stepUp.decisionId()));
    }

    @Override
    public RiskDecision confirm(RiskRequest request, String stepUpId) {
        RiskDecision decision = ownTransaction.execute(status -> engine.decide(request));
        return switch (decision.outcome()) {
            case DENY -> throw refused(decision, "deny", new ApiException(Irc.RISK_DECLINED,
                    "This cannot be done now. If you think this is wrong, contact the bank."));
            case ALLOW -> stepUp(request, decision, stepUpId, List.of(StepUpFactor.values()));
            case STEP_UP -> stepUp(request, decision, stepUpId, decision.factors());
        };
    }

    private RiskDecision stepUp(RiskRequest request, RiskDecision decision, String stepUpId,
            List<StepUpFactor> accepted) {
        byte[] digest = digest(request);
        Instant now = clock.instant();
        String notUsable = null;
        if (stepUpId != null) {
            if (request.deviceId() != null && store.use(stepUpId, request.customerId(), request.deviceId(), digest,
                    now)) {
                count(request, "used");
                log.info("step-up used action={} customer={} device={} decision={}", request.action(),
                        request.customerId(), request.deviceId(), decision.id());
                return decision;
            }
            notUsable = whyNotUsable(stepUpId, request, digest, now);
            count(request, "refused");
        }
        List<StepUpFactor> factors = available(request, accepted);
        if (factors.isEmpty()) {
            throw refused(decision, "no-factor", new ApiException(Irc.RISK_DECLINED,
                    "This needs a second factor, and this phone has none: it has no soft-OTP secret and no passkey."
                            + " Use a phone bound to your profile that has one, or visit a branch."));
        }
        StepUpStore.StepUp created = new StepUpStore.StepUp(newId(), request.customerId(), request.deviceId(),
                request.action(), digest, decision.id(), factors, StepUpStore.Status.PENDING,
                now.truncatedTo(ChronoUnit.MICROS), now.plus(properties.ttl()).truncatedTo(ChronoUnit.MICROS), null,
                null, null);
        ownTransaction.executeWithoutResult(status -> store.insert(created));
        count(request, "created");
        ApiException required = new ApiException(Irc.STEP_UP_REQUIRED, (notUsable == null ? ""
                : "The step-up sent was not accepted (" + notUsable + "). ")
                + "Confirm it is you with one of the factors of stepUp on this phone, then send the same request"
                + " again with stepUpId.");
        Map<String, Object> stepUp = new LinkedHashMap<>();
        stepUp.put("id", created.id());
        stepUp.put("factors", factors);
        stepUp.put("expiresAt", created.expiresAt());
        required.getBody().setProperty("stepUp", stepUp);
        throw refused(decision, notUsable == null ? "step-up" : "step-up-not-usable", required);
    }

    /** Why a step-up id did not pass, in words for the customer; read in the action's transaction. */
    private String whyNotUsable(String stepUpId, RiskRequest request, byte[] digest, Instant now) {
        Optional<StepUpStore.StepUp> found = store.find(stepUpId)
                .filter(s -> s.customerId().equals(request.customerId()) && s.deviceId().equals(request.deviceId()));
        if (found.isEmpty()) {
            return "unknown step-up";
        }
        StepUpStore.StepUp stepUp = found.get();
        StepUpStore.Status status = stepUp.statusAt(now);
        if (status == StepUpStore.Status.EXPIRED) {
            if (stepUp.status() != StepUpStore.Status.EXPIRED) {
                count(request, "expired");
            }
            return "it has expired";
        }
        if (status == StepUpStore.Status.USED) {
            return "it was already used";
        }
        if (!MessageDigest.isEqual(stepUp.requestDigest(), digest)) {
            return "it was passed for a different request";
        }
        if (status == StepUpStore.Status.PENDING) {
            return "no factor was verified for it yet";
        }
        return "it cannot be used now";
    }

    private List<StepUpFactor> available(RiskRequest request, List<StepUpFactor> accepted) {
        List<StepUpFactor> factors = new ArrayList<>();
        if (request.deviceId() == null) {
            return factors;
        }
        for (StepUpFactor factor : accepted) {
            boolean has = switch (factor) {
                case SOFT_OTP -> softOtp.enrolled(request.customerId(), request.deviceId());
                case BIOMETRIC -> passkeys.registered(request.customerId(), request.deviceId());
            };
            if (has) {
                factors.add(factor);
            }
        }
        return factors;
    }

    /**
     * One INFO line and a counter for the refusal, and on the problem the decision id and the deciding rule's
     * description (written for customers; never a feature value).
     */
    private ApiException refused(RiskDecision decision, String reason, ApiException refusal) {
        refusal.getBody().setProperty("decisionId", decision.id());
        // the deciding rule only: a lower rule that also matched did not decide, and its text would mislead
        refusal.getBody().setProperty("reasons",
                decision.reasons().stream().limit(1).map(RiskDecision.Reason::description).toList());
        meters.counter("branchlink.risk.gate.refusals", "action", decision.action().name(), "reason", reason)
                .increment();
        log.info("risk gate refused action={} customer={} outcome={} reason={} rules={} decision={}",
                decision.action(), decision.customerId(), decision.outcome(), reason,
                decision.reasons().stream().map(RiskDecision.Reason::ruleId).toList(), decision.id());
        return refusal;
    }

    private void count(RiskRequest request, String result) {
        meters.counter("branchlink.risk.stepups", "action", request.action().name(), "result", result).increment();
    }

    private String newId() {
        byte[] id = new byte[32];
        random.nextBytes(id);
        return B64URL.encodeToString(id);
    }

    /**
     * SHA-256 over the request's money-relevant fields, one per line: action, account, amount in minor units,
     * currency, counterparty, branch ({@code -} for an absent one).
     */
    static byte[] digest(RiskRequest request) {
        String text = String.join("\n", request.action().name(),
                text(request.accountId()),
                request.amount() == null ? "-" : Long.toString(request.amount().minorUnits()),
                request.amount() == null ? "-" : request.amount().currencyCode(),
                text(request.counterparty()),
                text(request.location() == null ? null : request.location().branchId()));
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String text(Object value) {
        return value == null ? "-" : value.toString();
    }
}
