package io.branchlink.channel.onboarding.internal;

import io.branchlink.channel.account.AccountClass;
import io.branchlink.channel.customer.CustomerRegistration;
import io.branchlink.channel.customer.SessionService;
import io.branchlink.channel.identity.IdentityProviderUnavailableException;
import io.branchlink.channel.identity.IdentityVerification;
import io.branchlink.channel.onboarding.ResidentId;
import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.channel.sms.SmsGateway;
import io.branchlink.channel.sms.SmsGatewayUnavailableException;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a customer of a visitor with a phone and a resident ID card. {@link #start} checks the number and the age,
 * keeps the request (the number encrypted, the password hashed) and sends a 6-digit code by SMS; {@link #verify}
 * takes the code (hashed at rest, single use, 5 wrong codes and 5 minutes end it), asks the identity provider, asks
 * the risk engine (DEVICE_BINDING for the new customer and the phone) and then, in one transaction, creates the
 * customer, binds the phone with soft OTP, opens a Class II electronic account and a session.
 *
 * <p>A resident ID number that already belongs to a customer is not told apart at {@link #start} (the SMS goes as
 * for anyone); {@link #verify} refuses it with the same neutral answer as an identity mismatch, so that the API does
 * not say who banks here.
 *
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 */
@Service
class OnboardingService {

    private static final Logger log = LoggerFactory.getLogger(OnboardingService.class);
    private static final String NEUTRAL_REFUSAL = "We cannot open an account online with these details. If you"
            + " already bank with us, log in with your username or visit a branch; otherwise check your name and"
            + " resident ID number and start again.";

    private final JdbcClient jdbc;
    private final SmsGateway sms;
    private final IdentityVerification identity;
    private final CustomerRegistration registration;
    private final ResidentIdVault vault;
    private final PasswordEncoder passwords;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final OnboardingProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;
    private final SecureRandom random = new SecureRandom();

    OnboardingService(JdbcClient jdbc, SmsGateway sms, IdentityVerification identity,
            CustomerRegistration registration, ResidentIdVault vault, PasswordEncoder passwords, RiskGate risk,
            RiskEngine engine, OnboardingProperties properties, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.identity = identity;
        this.registration = registration;
        this.vault = vault;
        this.passwords = passwords;
        this.risk = risk;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Checks the request and sends the code. Refused before anything is kept: a resident ID number that is not
     * valid (400 with the field), someone under the minimum age (422), a taken username (409), too many onboardings
     * of the phone in the last hour (422). 503 when onboarding is not configured or the SMS gateway fails; the
     * onboarding then cannot be completed.
     */
    Started start(NewOnboarding request) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        ResidentId.Parsed parsed = ResidentId.parse(request.residentId(), today);
        if (!parsed.valid()) {
            ApiException invalid = new ApiException(Irc.FORMAT_ERROR, "The resident ID number is not valid.");
            invalid.getBody().setProperty("fields", Map.of("residentId", parsed.explanation()));
            throw refused("start", "resident-id-" + parsed.problem().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    null, invalid);
        }
        ResidentId residentId = parsed.id();
        if (residentId.ageOn(today) < properties.minimumAge()) {
            throw refused("start", "under-age", null, new ApiException(Irc.INVALID_TRANSACTION,
                    "An account is opened online from the age of " + properties.minimumAge() + ". Visit a branch"
                            + " with a parent or guardian."));
        }
        if (!vault.configured()) {
            meters.counter("branchlink.channel.onboardings", "step", "start", "outcome", "not-configured").increment();
            log.warn("onboarding refused step=start reason=not-configured ({} is not set)",
                    OnboardingProperties.KEY_PROPERTY);
            throw new ApiException(Irc.HOST_UNREACHABLE, "Opening an account online is not available now.");
        }
        if (registration.usernameTaken(request.username())) {
            throw refused("start", "username-taken", null,
                    new ApiException(Irc.CONFLICT, "This username is taken: choose another."));
        }
        Instant now = clock.instant();
        int recent = jdbc.sql("select count(*) from onboardings where phone = ? and created_at > ?")
                .params(request.phone(), Timestamp.from(now.minus(Duration.ofHours(1))))
                .query(Integer.class)
                .single();
        if (recent >= properties.maxPerPhonePerHour()) {
            throw refused("start", "too-many", null, new ApiException(Irc.EXCEEDS_LIMIT,
                    "Too many attempts to open an account with this phone number in the last hour: try again later."));
        }
        UUID id = UUID.randomUUID();
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        Instant expiresAt = now.plus(properties.codeTtl());
        jdbc.sql("""
                insert into onboardings (id, phone, full_name, username, password_hash, device_id, resident_id_hash,
                                         resident_id_last4, resident_id_encrypted, birth_date, code_hash, status,
                                         created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SENDING', ?, ?)
                """)
                .params(id, request.phone(), request.fullName(), request.username(),
                        passwords.encode(request.password()), request.deviceId(), vault.hash(residentId.number()),
                        residentId.last4(), vault.encrypt(residentId.number(), id), residentId.birthDate(),
                        codeHash(id, code), Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        String sentTo = SmsGateway.mask(request.phone());
        String messageId;
        try {
            messageId = sms.send(request.phone(), "BranchLink: " + code + " is your code to open an account. It is"
                    + " valid for " + properties.codeTtl().toMinutes() + " minutes. Never share it: the bank never"
                    + " asks for it.");
        } catch (SmsGatewayUnavailableException e) {
            close(id, "FAILED", "SMS_GATEWAY");
            throw refused("start", "sms-gateway", id, new ApiException(Irc.HOST_UNREACHABLE,
                    "The code could not be sent by SMS. Try again in a few minutes."));
        }
        jdbc.sql("update onboardings set status = 'PENDING', sms_message_id = ? where id = ? and status = 'SENDING'")
                .params(messageId, id)
                .update();
        meters.counter("branchlink.channel.onboardings", "step", "start", "outcome", "code-sent").increment();
        log.info("onboarding started onboarding={} sentTo={} device={} expiresAt={}", id, sentTo,
                request.deviceId(), expiresAt);
        return new Started(id, sentTo, expiresAt);
    }

    /**
     * Completes an onboarding with its code. A wrong code answers 403 with attemptsLeft, the last one 410; an
     * expired or ended onboarding 410; one already completed 409. The identity provider down answers 503 and the
     * same code may be sent again. An identity that does not match, or a resident ID number that already belongs to
     * a customer, ends the onboarding with the same neutral 422. The risk engine's refusal (403 RISK_DECLINED) leaves
     * the onboarding open.
     */
    Completed verify(UUID id, String code, String livenessToken, RiskSignals device) {
        CodeCheck checked = transaction.execute(status -> checkCode(id, code));
        if (checked.refusal() != null) {
            throw checked.refusal();
        }
        Pending pending = checked.pending();
        String number = vault.decrypt(pending.residentIdEncrypted(), id);
        if (registration.residentIdKnown(pending.residentIdHash(), number)) {
            close(id, "REFUSED", "ALREADY_A_CUSTOMER");
            throw refused("verify", "already-a-customer", id, new ApiException(Irc.DO_NOT_HONOUR, NEUTRAL_REFUSAL));
        }
        IdentityVerification.IdentityCheck check;
        try {
            check = identity.verify(number, pending.fullName(), livenessToken);
        } catch (IdentityProviderUnavailableException e) {
            throw refused("verify", "identity-provider", id, new ApiException(Irc.HOST_UNREACHABLE,
                    "Your identity could not be checked just now. Send the same code again in a moment."));
        }
        if (!check.matches()) {
            close(id, "REFUSED", check.verdict().name());
            throw refused("verify", "identity-" + check.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    id, new ApiException(Irc.DO_NOT_HONOUR, NEUTRAL_REFUSAL));
        }
        Outcome outcome = transaction.execute(status -> complete(id, pending, device));
        if (outcome.refusal() != null) {
            throw outcome.refusal();
        }
        return outcome.completed();
    }

    /** Checks the code under the onboarding's row lock; a wrong code is counted even though the call fails. */
    private CodeCheck checkCode(UUID id, String code) {
        Pending row = jdbc.sql("""
                select id, phone, full_name, username, password_hash, device_id, resident_id_hash, resident_id_last4,
                       resident_id_encrypted, birth_date, code_hash, failed_attempts, status, expires_at
                  from onboardings where id = ? for update
                """)
                .param(id)
                .query(Pending.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Onboarding"));
        ApiException ended = ended(row);
        if (ended != null) {
            return new CodeCheck(null, refused("verify", "ended-" + row.status().toLowerCase(Locale.ROOT), id, ended));
        }
        if (MessageDigest.isEqual(row.codeHash(), codeHash(id, code))) {
            return new CodeCheck(row, null);
        }
        int failed = row.failedAttempts() + 1;
        boolean exhausted = failed >= properties.maxCodeAttempts();
        jdbc.sql("""
                update onboardings
                   set failed_attempts = ?, status = case when ? then 'EXHAUSTED' else status end,
                       resident_id_encrypted = case when ? then null else resident_id_encrypted end,
                       closed_at = case when ? then ? else closed_at end
                 where id = ?
                """)
                .params(failed, exhausted, exhausted, exhausted, Timestamp.from(clock.instant()), id)
                .update();
        if (exhausted) {
            return new CodeCheck(null, refused("verify", "code-exhausted", id, new ApiException(Irc.TOKEN_EXPIRED,
                    "Too many wrong codes: this attempt to open an account has ended. Start again.")));
        }
        ApiException wrong = new ApiException(Irc.STEP_UP_REQUIRED, "The code is wrong.");
        wrong.getBody().setProperty("attemptsLeft", properties.maxCodeAttempts() - failed);
        return new CodeCheck(null, refused("verify", "code-wrong", id, wrong));
    }

    /** Why the onboarding can no longer take a code, or null while it can. */
    private ApiException ended(Pending row) {
        if ("COMPLETED".equals(row.status())) {
            return new ApiException(Irc.CONFLICT, "This account is already open: log in with your username.");
        }
        if (!"PENDING".equals(row.status()) || !row.expiresAt().isAfter(clock.instant())) {
            return new ApiException(Irc.TOKEN_EXPIRED, "This attempt to open an account has ended. Start again.");
        }
        return null;
    }

    /**
     * The one transaction that makes the customer: the onboarding still open, the risk engine, the customer with the
     * phone bound and a session, the Class II account, the onboarding completed. A refusal that changes the
     * onboarding is returned rather than thrown, so that the change commits.
     */
    private Outcome complete(UUID id, Pending pending, RiskSignals device) {
        Pending row = jdbc.sql("""
                select id, phone, full_name, username, password_hash, device_id, resident_id_hash, resident_id_last4,
                       resident_id_encrypted, birth_date, code_hash, failed_attempts, status, expires_at
                  from onboardings where id = ? for update
                """)
                .param(id)
                .query(Pending.class)
                .single();
        ApiException ended = ended(row);
        if (ended != null) {
            throw refused("verify", "ended-" + row.status().toLowerCase(Locale.ROOT), id, ended);
        }
        UUID customerId = UUID.randomUUID();
        Instant now = clock.instant();
        int age = Period.between(pending.birthDate(), LocalDate.now(clock.withZone(properties.zone()))).getYears();
        RiskRequest request = new RiskRequest(RiskAction.DEVICE_BINDING, customerId, pending.deviceId(), null, null,
                null, null, RiskChannel.APP, age, device);
        risk.check(request, null);
        CustomerRegistration.Registration registered = registration.register(new CustomerRegistration.NewCustomer(
                customerId, pending.username(), pending.passwordHash(), pending.fullName(), pending.phone(),
                pending.residentIdHash(), pending.residentIdLast4(), pending.deviceId(), "phone"));
        if (registered.refusal() != null) {
            close(id, "REFUSED", registered.refusal().name());
            ApiException refusal = registered.refusal() == CustomerRegistration.Registration.Refusal.USERNAME_TAKEN
                    ? new ApiException(Irc.CONFLICT, "The username was taken meanwhile: start again with another.")
                    : new ApiException(Irc.DO_NOT_HONOUR, NEUTRAL_REFUSAL);
            return new Outcome(null, refused("verify", registered.refusal().name().toLowerCase(Locale.ROOT)
                    .replace('_', '-'), id, refusal));
        }
        OpenedAccount account = openClassTwoAccount(customerId);
        jdbc.sql("""
                update onboardings set status = 'COMPLETED', customer_id = ?, account_id = ?,
                       resident_id_encrypted = null, closed_at = ?
                 where id = ?
                """)
                .params(customerId, account.id(), Timestamp.from(now), id)
                .update();
        engine.recordAfterCommit(RiskEvent.of(request, now));
        meters.counter("branchlink.channel.onboardings", "step", "verify", "outcome", "completed").increment();
        log.info("onboarding completed onboarding={} customer={} account={} device={}", id, customerId,
                mask(account.number()), pending.deviceId());
        return new Outcome(new Completed(registered.session(), registered.otp(), account), null);
    }

    private OpenedAccount openClassTwoAccount(UUID customerId) {
        String number;
        do {
            long next = jdbc.sql("select nextval('account_numbers')").query(Long.class).single();
            number = "622202" + String.format(Locale.ROOT, "%010d", next);
        } while (jdbc.sql("select exists (select 1 from accounts where account_number = ?)").param(number)
                .query(Boolean.class).single());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, customer_id, kind, side, currency, name, product,
                                      account_class)
                values (?, ?, ?, 'CUSTOMER', 'C', 'CNY', ?, 'CURRENT', ?)
                """)
                .params(id, number, customerId, "Electronic account 电子账户 (Class II 二类)",
                        AccountClass.TYPE_II.name())
                .update();
        return new OpenedAccount(id, number, AccountClass.TYPE_II);
    }

    /** Ends an onboarding that is still open and erases its resident ID number. */
    private void close(UUID id, String status, String refusal) {
        jdbc.sql("""
                update onboardings set status = ?, refusal = ?, resident_id_encrypted = null, closed_at = ?
                 where id = ? and status in ('SENDING', 'PENDING')
                """)
                .params(status, refusal, Timestamp.from(clock.instant()), id)
                .update();
    }

    /** Erases the resident ID numbers of onboardings past their expiry; returns how many. */
    int eraseExpired() {
        return jdbc.sql("""
                update onboardings set resident_id_encrypted = null,
                       status = case when status in ('SENDING', 'PENDING') then 'FAILED' else status end,
                       refusal = case when status in ('SENDING', 'PENDING') then 'EXPIRED' else refusal end,
                       closed_at = coalesce(closed_at, expires_at)
                 where resident_id_encrypted is not null and expires_at < ?
                """)
                .param(Timestamp.from(clock.instant()))
                .update();
    }

    /** One INFO line and a counter for an expected refusal; never the resident ID number, the code or the name. */
    private ApiException refused(String step, String reason, UUID id, ApiException refusal) {
        meters.counter("branchlink.channel.onboardings", "step", step, "outcome", reason).increment();
        log.info("onboarding refused step={} onboarding={} reason={} irc={}", step, id == null ? "-" : id, reason,
                refusal.irc());
        return refusal;
    }

    private static String mask(String accountNumber) {
        return "*".repeat(accountNumber.length() - 4) + accountNumber.substring(accountNumber.length() - 4);
    }

    /** SHA-256 of the onboarding id and the code: the code never rests in the database as it was sent. */
    private static byte[] codeHash(UUID id, String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((id + ":" + code).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * What the visitor asks for; the phone number as 11 digits. toString leaves out the password and the resident ID
     * number.
     */
    record NewOnboarding(String phone, String fullName, String residentId, String deviceId, String username,
            String password) {

        @Override
        public String toString() {
            return "NewOnboarding[deviceId=" + deviceId + ", username=" + username + "]";
        }
    }

    /** @param sentTo the masked phone number the code went to */
    record Started(UUID id, String sentTo, Instant expiresAt) {
    }

    record OpenedAccount(UUID id, String number, AccountClass accountClass) {
    }

    /**
     * A new customer: their session, their phone's soft-OTP secret (shown once) and their Class II account.
     */
    record Completed(SessionService.OpenedSession session, SoftOtp.Enrolment otp, OpenedAccount account) {
    }

    private record Outcome(Completed completed, ApiException refusal) {
    }

    private record CodeCheck(Pending pending, ApiException refusal) {
    }

    /** An onboarding row; toString leaves out the hashes, the encrypted number and the name. */
    private record Pending(UUID id, String phone, String fullName, String username, String passwordHash,
            String deviceId, byte[] residentIdHash, String residentIdLast4, byte[] residentIdEncrypted,
            LocalDate birthDate, byte[] codeHash, int failedAttempts, String status, Instant expiresAt) {

        @Override
        public String toString() {
            return "Pending[" + id + " " + status + "]";
        }
    }
}
