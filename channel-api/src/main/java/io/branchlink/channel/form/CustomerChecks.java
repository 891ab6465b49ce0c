package io.branchlink.channel.form;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What submitting or staging needs of the customer's request: a bound phone, a fresh login, a known branch. */
@Component
class CustomerChecks {

    private final JdbcClient jdbc;
    private final FormsProperties properties;
    private final Clock clock;

    CustomerChecks(JdbcClient jdbc, FormsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    void requireStrongSession(CustomerPrincipal customer) {
        if (!customer.deviceBound()) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Bind this phone to your profile before sending a form.");
        }
        if (customer.sessionCreatedAt().isBefore(clock.instant().minus(properties.freshLogin()))) {
            throw new ApiException(Irc.STEP_UP_REQUIRED, "Log in again to confirm it is you.");
        }
    }

    void requireBranch(String branchId) {
        if (jdbc.sql("select count(*) from branches where id = ?").param(branchId).query(Integer.class).single() == 0) {
            throw FormProblems.of(Irc.NOT_FOUND, "BRANCH_UNKNOWN", "There is no branch " + branchId + ".");
        }
    }
}
