package io.branchlink.channel.customer;

import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.sms.SmsGateway;
import io.branchlink.channel.sms.SmsGatewayUnavailableException;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Binds a new phone to a customer only with proof from something the customer already has: a one-time code sent by
 * SMS to the registered phone number, or approval from a phone already bound. A challenge lives 5 minutes, its code
 * is stored only as a hash, 5 wrong codes kill it, and it binds at most once. A phone that is bound is enrolled for
 * soft OTP in the same transaction, and the answer that binds it is the only one that carries its secret.
 *
 * @see io.branchlink.channel.customer.DeviceBindingIntegrationTests
 */
@Service
class DeviceBinding {

    private static final Logger log = LoggerFactory.getLogger(DeviceBinding.class);
    /** Statuses in which a challenge can still bind. */
    private static final List<String> OPEN = List.of("SENDING", "PENDING", "APPROVED");
    /** Expired challenges are kept this long, so that answering one says it expired rather than not found. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final SmsGateway sms;
    private final SoftOtp softOtp;
    private final CustomerProperties.Binding settings;
    private final Clock clock;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final MeterRegistry meters;
    private final Duration freshLogin;
    private final SecureRandom random = new SecureRandom();

    DeviceBinding(JdbcClient jdbc, SmsGateway sms, SoftOtp softOtp, CustomerProperties properties, Clock clock,
            RiskGate risk, RiskEngine engine, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.softOtp = softOtp;
        this.settings = properties.binding();
        this.clock = clock;
        this.risk = risk;
        this.engine = engine;
        this.meters = meters;
        this.freshLogin = properties.freshLogin();
    }

    /**
     * Opens a challenge for the session's phone and, for {@link Method#SMS}, sends its code. Any older open challenge
     * of the same phone ends. Not one transaction: the challenge is recorded before the SMS is sent, and it only
     * becomes usable once the gateway accepted the message.
     */
    Challenge open(CustomerPrincipal customer, String name, Method method) {
        if (customer.deviceBound()) {
            throw new ApiException(Irc.CONFLICT, "This phone is already bound to your profile.");
        }
        Instant now = clock.instant();
        int recent = jdbc.sql("select count(*) from device_binding_challenges where customer_id = ? and created_at > ?")
                .params(customer.customerId(), Timestamp.from(now.minus(Duration.ofHours(1))))
                .query(Integer.class)
                .single();
        if (recent >= settings.maxChallengesPerHour()) {
            log.info("binding challenge refused customer={} reason=too-many recent={}", customer.customerId(), recent);
            throw new ApiException(Irc.EXCEEDS_LIMIT, "Too many binding attempts in the last hour: try again later.");
        }
        if (method == Method.APPROVAL && boundDevices(customer.customerId()) == 0) {
            throw new ApiException(Irc.CONFLICT,
                    "No phone is bound to your profile to approve this one: ask for a code by SMS.");
        }
        jdbc.sql("""
                update device_binding_challenges set status = 'SUPERSEDED', closed_at = ?
                 where customer_id = ? and device_id = ? and status in ('SENDING', 'PENDING', 'APPROVED')
                """)
                .params(Timestamp.from(now), customer.customerId(), customer.deviceId())
                .update();
        UUID id = UUID.randomUUID();
        String code = method == Method.SMS ? String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000)) : null;
        Instant expiresAt = now.plus(settings.challengeTtl());
        jdbc.sql("""
                insert into device_binding_challenges
                       (id, customer_id, device_id, device_name, method, code_hash, status, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(id, customer.customerId(), customer.deviceId(), name, method.name(),
                        code == null ? null : codeHash(id, code), method == Method.SMS ? "SENDING" : "PENDING",
                        Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        String sentTo = null;
        if (method == Method.SMS) {
            String phone = jdbc.sql("select phone from customers where id = ?").param(customer.customerId())
                    .query(String.class).single();
            sentTo = SmsGateway.mask(phone);
            String messageId;
            try {
                messageId = sms.send(phone, "BranchLink: " + code + " is your code to bind a new phone to your"
                        + " profile. It is valid for " + settings.challengeTtl().toMinutes() + " minutes. Never"
                        + " share it: the bank never asks for it.");
            } catch (SmsGatewayUnavailableException e) {
                jdbc.sql("update device_binding_challenges set status = 'FAILED', closed_at = ? where id = ?")
                        .params(Timestamp.from(clock.instant()), id)
                        .update();
                log.warn("binding challenge failed customer={} device={} sentTo={} reason=sms-gateway",
                        customer.customerId(), customer.deviceId(), sentTo);
                throw new ApiException(Irc.HOST_UNREACHABLE, "The code could not be sent by SMS. Try again in a"
                        + " few minutes, or approve this phone from a phone already bound to your profile.");
            }
            jdbc.sql("""
                    update device_binding_challenges set status = 'PENDING', sms_message_id = ?
                     where id = ? and status = 'SENDING'
                    """)
                    .params(messageId, id)
                    .update();
        }
        log.info("binding challenge opened customer={} device={} method={} sentTo={} expiresAt={}",
                customer.customerId(), customer.deviceId(), method, sentTo, expiresAt);
        return new Challenge(id, customer.deviceId(), name, method, "PENDING", sentTo, now, expiresAt);
    }

    /**
     * Binds the session's phone with a challenge: its SMS code, or its approval from a bound phone. A phone already
     * bound stays as it is, and its answer has no soft-OTP secret. Wrong codes are counted even though the call
     * fails. Once the proof is right the risk engine is asked (DEVICE_BINDING): a DENY refuses, and so does a
     * STEP_UP, because the phone being bound has no second factor yet; the challenge then stays usable.
     */
    @Transactional(noRollbackFor = ApiException.class)
    Bound bind(CustomerPrincipal customer, UUID challengeId, String code) {
        Optional<Device> bound = device(customer.customerId(), customer.deviceId());
        if (bound.isPresent()) {
            return new Bound(bound.get(), null);
        }
        if (challengeId == null) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Binding a new phone needs proof: open a challenge with"
                    + " POST /api/v1/devices/challenges, then send the code from the SMS or approve it from a phone"
                    + " already bound to your profile.");
        }
        Row row = jdbc.sql("""
                select id, device_id, device_name, method, code_hash, failed_attempts, status, approved_by,
                       created_at, expires_at
                  from device_binding_challenges
                 where id = ? and customer_id = ? and device_id = ?
                   for update
                """)
                .params(challengeId, customer.customerId(), customer.deviceId())
                .query(Row.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Binding challenge"));
        Instant now = clock.instant();
        if (!usable(row, now)) {
            throw new ApiException(Irc.TOKEN_EXPIRED, "This binding challenge can no longer be used: open a new one.");
        }
        if (!"APPROVED".equals(row.status())) {
            if (row.codeHash() == null) {
                throw new ApiException(Irc.STEP_UP_REQUIRED,
                        "This challenge waits for approval from a phone already bound to your profile.");
            }
            if (code == null) {
                throw new ApiException(Irc.STEP_UP_REQUIRED, "Send the code from the SMS.");
            }
            if (!MessageDigest.isEqual(row.codeHash(), codeHash(row.id(), code))) {
                wrongCode(customer, row);
            }
        }
        RiskRequest request = new RiskRequest(RiskAction.DEVICE_BINDING, customer.customerId(), customer.deviceId(),
                null, null, null, null, RiskChannel.APP, null);
        risk.check(request, null);
        jdbc.sql("update device_binding_challenges set status = 'USED', closed_at = ? where id = ?")
                .params(Timestamp.from(now), row.id())
                .update();
        int inserted = jdbc.sql("""
                insert into customer_devices (customer_id, device_id, name, bound_at) values (?, ?, ?, ?)
                on conflict (customer_id, device_id) do nothing
                """)
                .params(customer.customerId(), customer.deviceId(), row.deviceName(), Timestamp.from(now))
                .update();
        Device device = device(customer.customerId(), customer.deviceId()).orElseThrow();
        if (inserted == 0) {
            return new Bound(device, null);
        }
        String username = jdbc.sql("select username from customers where id = ?").param(customer.customerId())
                .query(String.class).single();
        SoftOtp.Enrolment otp = softOtp.enrol(customer.customerId(), customer.deviceId(), username);
        engine.recordAfterCommit(RiskEvent.of(request, now));
        log.info("device bound customer={} device={} proof={} approvedBy={} boundAt={}", customer.customerId(),
                customer.deviceId(), "APPROVED".equals(row.status()) ? "approval" : "sms-code", row.approvedBy(),
                device.boundAt());
        return new Bound(device, otp);
    }

    /**
     * Enrols the session's bound phone for soft OTP when it has no secret yet: a phone bound before soft OTP existed.
     * Needs a session opened within {@code fresh-login}; never replaces an enrolled secret (409), so that a stolen
     * session cannot swap the customer's factor for its own.
     */
    @Transactional
    SoftOtp.Enrolment enrolOtp(CustomerPrincipal customer) {
        if (!customer.deviceBound()) {
            throw otpRefused(customer, "unbound", new ApiException(Irc.ACCESS_DENIED,
                    "Only a phone bound to your profile can have a soft-OTP factor; bind this phone first."));
        }
        if (customer.sessionCreatedAt().isBefore(clock.instant().minus(freshLogin))) {
            throw otpRefused(customer, "stale-session", new ApiException(Irc.STEP_UP_REQUIRED,
                    "Log in again to confirm it is you."));
        }
        String username = jdbc.sql("select username from customers where id = ?").param(customer.customerId())
                .query(String.class).single();
        SoftOtp.Enrolment otp = softOtp.enrolFirst(customer.customerId(), customer.deviceId(), username)
                .orElseThrow(() -> otpRefused(customer, "already-enrolled", new ApiException(Irc.CONFLICT,
                        "This phone already has a soft-OTP secret; it is shown only once and never replaced.")));
        meters.counter("branchlink.channel.otp.late-enrolments", "outcome", "enrolled").increment();
        log.info("otp enrolment of a bound phone customer={} device={} outcome=enrolled sessionCreatedAt={}",
                customer.customerId(), customer.deviceId(), customer.sessionCreatedAt());
        return otp;
    }

    private ApiException otpRefused(CustomerPrincipal customer, String reason, ApiException refusal) {
        meters.counter("branchlink.channel.otp.late-enrolments", "outcome", reason).increment();
        log.info("otp enrolment of a bound phone customer={} device={} outcome=refused reason={}",
                customer.customerId(), customer.deviceId(), reason);
        return refusal;
    }

    /** Deletes binding challenges that expired more than a day ago; returns how many. */
    @Transactional
    int purgeExpired() {
        return jdbc.sql("delete from device_binding_challenges where expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(KEEP_EXPIRED)))
                .update();
    }

    private void wrongCode(CustomerPrincipal customer, Row row) {
        int failed = row.failedAttempts() + 1;
        boolean exhausted = failed >= settings.maxCodeAttempts();
        jdbc.sql("""
                update device_binding_challenges
                   set failed_attempts = ?, status = case when ? then 'EXHAUSTED' else status end,
                       closed_at = case when ? then ? else closed_at end
                 where id = ?
                """)
                .params(failed, exhausted, exhausted, Timestamp.from(clock.instant()), row.id())
                .update();
        log.info("binding code wrong customer={} device={} failedAttempts={} exhausted={}", customer.customerId(),
                customer.deviceId(), failed, exhausted);
        if (exhausted) {
            throw new ApiException(Irc.TOKEN_EXPIRED, "Too many wrong codes: this challenge can no longer be used."
                    + " Open a new one.");
        }
        ApiException wrong = new ApiException(Irc.STEP_UP_REQUIRED, "The code is wrong.");
        wrong.getBody().setProperty("attemptsLeft", settings.maxCodeAttempts() - failed);
        throw wrong;
    }

    /** The customer's challenges that wait for a code or an approval, for a bound phone to review. */
    @Transactional(readOnly = true)
    List<Challenge> pending(CustomerPrincipal customer) {
        requireBound(customer, "see");
        return jdbc.sql("""
                select id, device_id, device_name, method, status, created_at, expires_at
                  from device_binding_challenges
                 where customer_id = ? and status = 'PENDING' and expires_at > ?
                 order by created_at
                """)
                .params(customer.customerId(), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Challenge(rs.getObject("id", UUID.class), rs.getString("device_id"),
                        rs.getString("device_name"), Method.valueOf(rs.getString("method")), rs.getString("status"),
                        null, rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /** Approves a challenge of the same customer from a bound phone; approving it again changes nothing. */
    @Transactional
    Challenge approve(CustomerPrincipal customer, UUID challengeId) {
        requireBound(customer, "approve");
        Row row = jdbc.sql("""
                select id, device_id, device_name, method, code_hash, failed_attempts, status, approved_by,
                       created_at, expires_at
                  from device_binding_challenges
                 where id = ? and customer_id = ?
                   for update
                """)
                .params(challengeId, customer.customerId())
                .query(Row.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("Binding challenge"));
        Instant now = clock.instant();
        if (!usable(row, now) || "SENDING".equals(row.status())) {
            throw new ApiException(Irc.TOKEN_EXPIRED, "This binding challenge can no longer be approved.");
        }
        if (!"APPROVED".equals(row.status())) {
            jdbc.sql("""
                    update device_binding_challenges set status = 'APPROVED', approved_by = ?, approved_at = ?
                     where id = ?
                    """)
                    .params(customer.deviceId(), Timestamp.from(now), row.id())
                    .update();
            log.info("binding challenge approved customer={} device={} approvedBy={}", customer.customerId(),
                    row.deviceId(), customer.deviceId());
        }
        return new Challenge(row.id(), row.deviceId(), row.deviceName(), Method.valueOf(row.method()), "APPROVED",
                null, row.createdAt(), row.expiresAt());
    }

    @Transactional(readOnly = true)
    List<Device> devices(UUID customerId) {
        return jdbc.sql("select device_id, name, bound_at from customer_devices where customer_id = ? order by bound_at")
                .param(customerId)
                .query(Device.class)
                .list();
    }

    private Optional<Device> device(UUID customerId, String deviceId) {
        return jdbc.sql("select device_id, name, bound_at from customer_devices where customer_id = ? and device_id = ?")
                .params(customerId, deviceId)
                .query(Device.class)
                .optional();
    }

    private int boundDevices(UUID customerId) {
        return jdbc.sql("select count(*) from customer_devices where customer_id = ?").param(customerId)
                .query(Integer.class).single();
    }

    private static void requireBound(CustomerPrincipal customer, String verb) {
        if (!customer.deviceBound()) {
            throw new ApiException(Irc.ACCESS_DENIED,
                    "Only a phone already bound to your profile may " + verb + " binding challenges.");
        }
    }

    private static boolean usable(Row row, Instant now) {
        return OPEN.contains(row.status()) && row.expiresAt().isAfter(now);
    }

    /** SHA-256 of the challenge id and the code: the code never rests in the database as it was sent. */
    private static byte[] codeHash(UUID challengeId, String code) {
        return SessionService.sha256(challengeId + ":" + code);
    }

    enum Method {
        /** A one-time code sent by SMS to the customer's registered phone number. */
        SMS,
        /** Approval from a phone already bound to the customer; no SMS is sent. */
        APPROVAL
    }

    /**
     * A binding challenge as the API shows it; never its code.
     *
     * @param sentTo the masked phone number the code went to, only in the answer that opened an SMS challenge
     */
    record Challenge(UUID id, String deviceId, String name, Method method, String status, String sentTo,
            Instant createdAt, Instant expiresAt) {
    }

    record Device(String deviceId, String name, Instant boundAt) {
    }

    /**
     * A phone as bound by {@link #bind}.
     *
     * @param otp the phone's new soft-OTP secret; {@code null} when the phone was already bound
     */
    record Bound(Device device, SoftOtp.Enrolment otp) {
    }

    private record Row(UUID id, String deviceId, String deviceName, String method, byte[] codeHash,
            int failedAttempts, String status, String approvedBy, Instant createdAt, Instant expiresAt) {
    }
}
