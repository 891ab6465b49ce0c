package io.branchlink.channel.customer;

import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.risk.RiskSignals;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opens, resolves and ends bearer sessions. A session token is 256 random bits; only its SHA-256 is stored, so a
 * copy of the database does not hold usable tokens. Failed logins are counted by {@link LoginLockout}.
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    /** A bcrypt hash checked when the username is unknown, so both paths take the same time. */
    private static final String DUMMY_HASH = "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z1e1n8Ea8BX6Hw0aG8yTqd2.";

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final CustomerProperties properties;
    private final Clock clock;
    private final LoginLockout lockout;
    private final RiskGate risk;
    private final RiskEngine engine;
    private final SecureRandom random = new SecureRandom();

    SessionService(JdbcClient jdbc, PasswordEncoder passwords, CustomerProperties properties, Clock clock,
            LoginLockout lockout, RiskGate risk, RiskEngine engine) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.lockout = lockout;
        this.risk = risk;
        this.engine = engine;
    }

    /**
     * Checks the password and opens a session, unless the username or the source address is locked out after too
     * many failed logins: then the password is not even checked, so the answer is the same whether it was right.
     * With the right password the risk engine is asked (LOGIN, from {@code deviceId}): a DENY or a STEP_UP without
     * a usable step-up throws its {@code ApiException} and opens no session.
     *
     * @param source the caller's address, as the servlet container reports it
     * @param stepUpId a LOGIN step-up passed with a factor of {@code deviceId}, or null
     * @return the new session; or the lock that refuses the login; or neither when the username or password is
     *         wrong or the customer is blocked
     */
    @Transactional
    LoginOutcome login(String username, String password, String deviceId, String source, RiskSignals device,
            String stepUpId) {
        Optional<LoginLockout.Lock> locked = lockout.lockFor(username, source);
        if (locked.isPresent()) {
            lockout.refused(locked.get(), source, false);
            return new LoginOutcome(null, locked.get());
        }
        Optional<Credentials> found = jdbc.sql("select id, password_hash, status from customers where username = ?")
                .param(username)
                .query(Credentials.class)
                .optional();
        boolean matches = passwords.matches(password, found.map(Credentials::passwordHash).orElse(DUMMY_HASH));
        if (found.isEmpty() || !matches) {
            Optional<LoginLockout.Lock> started = lockout.failed(username, source);
            if (started.isPresent()) {
                lockout.refused(started.get(), source, true);
                return new LoginOutcome(null, started.get());
            }
            log.info("login refused reason=bad-credentials source={}", source);
            return new LoginOutcome(null, null);
        }
        if (!"ACTIVE".equals(found.get().status())) {
            log.info("login refused reason=blocked source={}", source);
            return new LoginOutcome(null, null);
        }
        UUID customerId = found.get().id();
        RiskRequest request = new RiskRequest(RiskAction.LOGIN, customerId, deviceId, null, null, null, null,
                RiskChannel.APP, null, device);
        risk.check(request, stepUpId);
        lockout.succeeded(username);
        Instant now = clock.instant();
        OpenedSession session = open(customerId, deviceId, now);
        engine.recordAfterCommit(RiskEvent.of(request, now));
        log.info("login customer={} deviceBound={}", customerId, session.deviceBound());
        return new LoginOutcome(session, null);
    }

    /**
     * Opens a session for a customer who proved who they are some other way than a password just now: a customer
     * who onboarded from the app ends onboarding logged in. Joins the caller's transaction.
     */
    @Transactional
    public OpenedSession open(UUID customerId, String deviceId) {
        return open(customerId, deviceId, clock.instant());
    }

    private OpenedSession open(UUID customerId, String deviceId, Instant now) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant expiresAt = now.plus(properties.sessionTtl());
        jdbc.sql("""
                insert into sessions (token_hash, customer_id, device_id, created_at, expires_at)
                values (?, ?, ?, ?, ?)
                """)
                .params(sha256(token), customerId, deviceId, java.sql.Timestamp.from(now),
                        java.sql.Timestamp.from(expiresAt))
                .update();
        jdbc.sql("""
                delete from sessions where customer_id = :customer and token_hash not in (
                    select token_hash from sessions where customer_id = :customer
                     order by created_at desc limit :keep)
                """)
                .param("customer", customerId)
                .param("keep", properties.maxSessionsPerCustomer())
                .update();
        boolean bound = deviceBoundAt(customerId, deviceId).isPresent();
        return new OpenedSession(token, customerId, expiresAt, bound);
    }

    @Transactional(readOnly = true)
    public Optional<CustomerPrincipal> authenticate(String token) {
        return jdbc.sql("""
                select s.customer_id, s.device_id, s.created_at as session_created_at,
                       d.bound_at as device_bound_at, c.phone_changed_at
                  from sessions s
                  join customers c on c.id = s.customer_id and c.status = 'ACTIVE'
                  left join customer_devices d on d.customer_id = s.customer_id and d.device_id = s.device_id
                 where s.token_hash = ? and s.expires_at > ?
                """)
                .params(sha256(token), java.sql.Timestamp.from(clock.instant()))
                .query(CustomerPrincipal.class)
                .optional();
    }

    @Transactional
    public void logout(String token) {
        jdbc.sql("delete from sessions where token_hash = ?").param(sha256(token)).update();
    }

    @Transactional
    public int purgeExpired() {
        return jdbc.sql("delete from sessions where expires_at <= ?")
                .param(java.sql.Timestamp.from(clock.instant()))
                .update();
    }

    private Optional<Instant> deviceBoundAt(UUID customerId, String deviceId) {
        return jdbc.sql("select bound_at from customer_devices where customer_id = ? and device_id = ?")
                .params(customerId, deviceId)
                .query(Instant.class)
                .optional();
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record OpenedSession(String token, UUID customerId, Instant expiresAt, boolean deviceBound) {
    }

    /** A login's outcome: a session, or the lock that refused it, or neither (wrong credentials, blocked). */
    record LoginOutcome(OpenedSession session, LoginLockout.Lock lock) {
    }

    private record Credentials(UUID id, String passwordHash, String status) {
    }
}
