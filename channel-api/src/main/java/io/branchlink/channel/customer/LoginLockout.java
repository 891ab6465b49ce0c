package io.branchlink.channel.customer;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed logins per username and per source address and locks either out for a while once too many fail
 * (defaults: 5 in a row per username, 20 within 15 minutes per source, each locked 15 minutes). A lock ends by
 * itself. Usernames that do not exist are counted and locked the same way, so a lock tells nothing about which
 * usernames exist. Runs inside the caller's transaction; a sweep deletes what no longer counts.
 *
 * @see io.branchlink.channel.customer.LoginLockoutIntegrationTests
 */
@Component
class LoginLockout {

    private static final Logger log = LoggerFactory.getLogger(LoginLockout.class);

    private final JdbcClient jdbc;
    private final CustomerProperties.Lockout settings;
    private final Clock clock;
    private final MeterRegistry meters;

    LoginLockout(JdbcClient jdbc, CustomerProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = properties.lockout();
        this.clock = clock;
        this.meters = meters;
    }

    /** The lock that refuses this login before its password is checked, or empty. */
    Optional<Lock> lockFor(String username, String source) {
        Instant now = clock.instant();
        Optional<Instant> account = jdbc.sql("""
                select locked_until from login_account_failures where username = ? and locked_until > ?
                """)
                .params(username, Timestamp.from(now))
                .query(Instant.class)
                .optional();
        Optional<Instant> address = jdbc.sql("select locked_until from login_source_locks where source = ? and locked_until > ?")
                .params(source, Timestamp.from(now))
                .query(Instant.class)
                .optional();
        if (account.isEmpty() && address.isEmpty()) {
            return Optional.empty();
        }
        Instant until = account.orElse(Instant.MIN).isAfter(address.orElse(Instant.MIN)) ? account.get()
                : address.get();
        return Optional.of(new Lock(account.isPresent() ? Reason.ACCOUNT : Reason.SOURCE, until, now));
    }

    /**
     * Records a failed login and locks the username or the source once it reaches its limit.
     *
     * @return the lock this failure started, or empty
     */
    Optional<Lock> failed(String username, String source) {
        Instant now = clock.instant();
        int consecutive = jdbc.sql("""
                insert into login_account_failures (username, consecutive_failures, last_failure_at)
                values (:username, 1, :now)
                on conflict (username) do update
                   set consecutive_failures = login_account_failures.consecutive_failures + 1,
                       last_failure_at = :now
                returning consecutive_failures
                """)
                .param("username", username)
                .param("now", Timestamp.from(now))
                .query(Integer.class)
                .single();
        Optional<Lock> lock = Optional.empty();
        if (consecutive >= settings.accountFailures()) {
            Instant until = now.plus(settings.accountLock());
            jdbc.sql("""
                    update login_account_failures set consecutive_failures = 0, locked_until = ? where username = ?
                    """)
                    .params(Timestamp.from(until), username)
                    .update();
            lock = Optional.of(new Lock(Reason.ACCOUNT, until, now));
        }
        jdbc.sql("delete from login_source_failures where source = ? and failed_at <= ?")
                .params(source, Timestamp.from(now.minus(settings.sourceWindow())))
                .update();
        jdbc.sql("insert into login_source_failures (source, failed_at) values (?, ?)")
                .params(source, Timestamp.from(now))
                .update();
        int recent = jdbc.sql("select count(*) from login_source_failures where source = ?")
                .param(source)
                .query(Integer.class)
                .single();
        if (recent >= settings.sourceFailures()) {
            Instant until = now.plus(settings.sourceLock());
            jdbc.sql("""
                    insert into login_source_locks (source, locked_until) values (?, ?)
                    on conflict (source) do update set locked_until = excluded.locked_until
                    """)
                    .params(source, Timestamp.from(until))
                    .update();
            jdbc.sql("delete from login_source_failures where source = ?").param(source).update();
            if (lock.isEmpty() || until.isAfter(lock.get().until())) {
                lock = Optional.of(new Lock(Reason.SOURCE, until, now));
            }
        }
        return lock;
    }

    /**
     * Deletes what no longer counts: a username's failures after {@code forgetAfter} without a failure (unless it is
     * locked), a source's failures older than the window, and ended source locks.
     *
     * @return the rows deleted
     */
    @Scheduled(fixedDelayString = "${branchlink.channel.customer.lockout.sweep-interval:5m}",
            initialDelayString = "${branchlink.channel.customer.lockout.sweep-interval:5m}")
    int purge() {
        Instant now = clock.instant();
        int accounts = jdbc.sql("""
                delete from login_account_failures
                 where last_failure_at <= ? and (locked_until is null or locked_until <= ?)
                """)
                .params(Timestamp.from(now.minus(settings.forgetAfter())), Timestamp.from(now))
                .update();
        int failures = jdbc.sql("delete from login_source_failures where failed_at <= ?")
                .param(Timestamp.from(now.minus(settings.sourceWindow())))
                .update();
        int locks = jdbc.sql("delete from login_source_locks where locked_until <= ?")
                .param(Timestamp.from(now))
                .update();
        if (accounts + failures + locks > 0) {
            log.debug("login lockout purged accounts={} sourceFailures={} sourceLocks={}", accounts, failures, locks);
        }
        return accounts + failures + locks;
    }

    /** A successful login ends the username's run of failures; a source's failures stay counted. */
    void succeeded(String username) {
        jdbc.sql("delete from login_account_failures where username = ?").param(username).update();
    }

    /**
     * Counts and logs a login refused because of a lock: one line, no stack trace.
     *
     * @param started whether this login's own failure started the lock
     */
    void refused(Lock lock, String source, boolean started) {
        if (started) {
            log.warn("login refused reason={}-locked source={} retryAfter={}s lock=started", lock.reason().tag,
                    source, lock.retryAfterSeconds());
            meters.counter("branchlink.channel.logins.locks", "reason", lock.reason().tag).increment();
        } else {
            log.info("login refused reason={}-locked source={} retryAfter={}s", lock.reason().tag, source,
                    lock.retryAfterSeconds());
        }
        meters.counter("branchlink.channel.logins.refused", "reason", lock.reason().tag + "-locked").increment();
    }

    enum Reason {
        ACCOUNT("account"), SOURCE("source");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    /** A lock in force until {@code until}, as seen at {@code now}. */
    record Lock(Reason reason, Instant until, Instant now) {

        /** Whole seconds until the lock ends, rounded up. */
        long retryAfterSeconds() {
            Duration left = Duration.between(now, until);
            return Math.max(1, left.getSeconds() + (left.getNano() > 0 ? 1 : 0));
        }
    }
}
