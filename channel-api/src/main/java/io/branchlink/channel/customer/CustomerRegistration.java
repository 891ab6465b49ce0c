package io.branchlink.channel.customer;

import io.branchlink.channel.otp.SoftOtp;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a new customer of someone who proved their phone and identity outside the branch: the customer with their
 * credentials, their phone bound and enrolled for soft OTP as {@link DeviceBinding} binds one, and a session, all in
 * the caller's transaction so that a refusal later in it leaves no customer behind.
 *
 * @see io.branchlink.channel.onboarding.OnboardingIntegrationTests
 */
@Service
public class CustomerRegistration {

    private static final Logger log = LoggerFactory.getLogger(CustomerRegistration.class);

    private final JdbcClient jdbc;
    private final SoftOtp softOtp;
    private final SessionService sessions;
    private final Clock clock;

    CustomerRegistration(JdbcClient jdbc, SoftOtp softOtp, SessionService sessions, Clock clock) {
        this.jdbc = jdbc;
        this.softOtp = softOtp;
        this.sessions = sessions;
        this.clock = clock;
    }

    /**
     * Whether a customer already holds this resident ID number: one who onboarded online (by its keyed hash) or one
     * whose profile the counter recorded (by the number itself).
     */
    @Transactional(readOnly = true)
    public boolean residentIdKnown(byte[] residentIdHash, String residentIdNumber) {
        return jdbc.sql("""
                select exists (select 1 from customers where resident_id_hash = ? or upper(id_number) = upper(?))
                """)
                .params(residentIdHash, residentIdNumber)
                .query(Boolean.class)
                .single();
    }

    /** Whether the username is taken. */
    @Transactional(readOnly = true)
    public boolean usernameTaken(String username) {
        return jdbc.sql("select exists (select 1 from customers where username = ?)").param(username)
                .query(Boolean.class).single();
    }

    /**
     * Creates the customer, binds their phone, enrols it for soft OTP and opens a session. When another customer
     * took the username or holds the resident ID number (also one committed by a concurrent registration, which
     * this one waits for), nothing is created and the outcome says which.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Registration register(NewCustomer customer) {
        Instant now = clock.instant();
        int inserted = jdbc.sql("""
                insert into customers (id, username, password_hash, full_name, phone, resident_id_hash,
                                       resident_id_last4, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict do nothing
                """)
                .params(customer.id(), customer.username(), customer.passwordHash(), customer.fullName(),
                        customer.phone(), customer.residentIdHash(), customer.residentIdLast4(), Timestamp.from(now))
                .update();
        if (inserted == 0) {
            Registration.Refusal refusal = usernameTaken(customer.username()) ? Registration.Refusal.USERNAME_TAKEN
                    : Registration.Refusal.ALREADY_A_CUSTOMER;
            log.info("registration refused reason={}", refusal);
            return new Registration(null, null, refusal);
        }
        jdbc.sql("insert into customer_devices (customer_id, device_id, name, bound_at) values (?, ?, ?, ?)")
                .params(customer.id(), customer.deviceId(), customer.deviceName(), Timestamp.from(now))
                .update();
        SoftOtp.Enrolment otp = softOtp.enrol(customer.id(), customer.deviceId(), customer.username());
        SessionService.OpenedSession session = sessions.open(customer.id(), customer.deviceId());
        log.info("customer registered customer={} device={} boundAt={}", customer.id(), customer.deviceId(), now);
        return new Registration(session, otp, null);
    }

    /**
     * A customer to create.
     *
     * @param passwordHash the password as {@code PasswordEncoder} hashed it
     * @param residentIdHash the keyed hash of the resident ID number; the number itself is not kept
     * @param residentIdLast4 its last four characters, to show the customer which ID card is on file
     * @param deviceName what the phone is called among the customer's bound phones
     */
    public record NewCustomer(UUID id, String username, String passwordHash, String fullName, String phone,
            byte[] residentIdHash, String residentIdLast4, String deviceId, String deviceName) {

        @Override
        public String toString() {
            return "NewCustomer[id=" + id + ", username=" + username + ", deviceId=" + deviceId + "]";
        }
    }

    /**
     * A registration's outcome: the session and the phone's soft-OTP secret (shown to the customer once), or why
     * there is no new customer.
     */
    public record Registration(SessionService.OpenedSession session, SoftOtp.Enrolment otp, Refusal refusal) {

        public enum Refusal { USERNAME_TAKEN, ALREADY_A_CUSTOMER }
    }
}
