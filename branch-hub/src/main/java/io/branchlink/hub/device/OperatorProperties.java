package io.branchlink.hub.device;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.validation.annotation.Validated;

/**
 * Who may use the device API ({@code /api/devices/**}) and the fleet dashboard ({@code /fleet/**}): the branch's operations staff, with bcrypt password hashes.
 * With none configured the API answers every call with 401.
 *
 * @param accounts the operators
 */
@Validated
@ConfigurationProperties("branchlink.hub.operators")
public record OperatorProperties(@DefaultValue List<@Valid Account> accounts) {

    public OperatorProperties {
        accounts = List.copyOf(accounts);
        if (accounts.stream().map(Account::id).distinct().count() != accounts.size()) {
            throw new IllegalArgumentException("branchlink.hub.operators.accounts: an operator id is listed twice");
        }
    }

    /** The operators as a user store with the role {@code OPERATOR}, for the device API and the fleet dashboard. */
    public InMemoryUserDetailsManager users() {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        accounts.forEach(account -> users.createUser(User.withUsername(account.id())
                .password(account.passwordHash()).roles("OPERATOR").build()));
        return users;
    }

    /**
     * @param id the HTTP Basic user name, such as {@code ops}
     * @param passwordHash {@code {bcrypt}} and a bcrypt hash of the password
     */
    public record Account(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,32}") String id,
            @NotBlank @Pattern(regexp = "\\{bcrypt\\}\\$2[aby]?\\$\\d\\d\\$.{53}",
                    message = "must be {bcrypt} followed by a bcrypt hash") String passwordHash) {

        @Override
        public String toString() {
            return "Account[id=" + id + "]";
        }
    }
}
