package io.branchlink.hub.teller;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The teller console.
 *
 * @param accounts who may sign in, each at one terminal
 * @param retention how long decisions and vouchers stay in the cluster for repeated clicks, refreshes and reprints
 */
@Validated
@ConfigurationProperties("branchlink.hub.teller")
record TellerProperties(@DefaultValue List<@Valid Account> accounts, @DefaultValue("24h") Duration retention) {

    TellerProperties {
        accounts = List.copyOf(accounts);
        long distinct = accounts.stream().map(Account::id).distinct().count();
        if (distinct != accounts.size()) {
            throw new IllegalArgumentException("branchlink.hub.teller.accounts: a teller id is listed twice");
        }
    }

    Optional<Account> account(String tellerId) {
        return accounts.stream().filter(account -> account.id().equals(tellerId)).findFirst();
    }

    /** The teller configured at a terminal, for audit records of scans (which come from the terminal). */
    String tellerAt(String terminalId) {
        return accounts.stream().filter(account -> account.terminal().equals(terminalId)).map(Account::id)
                .findFirst().orElse("-");
    }

    /**
     * One teller.
     *
     * @param id the teller id, also the HTTP Basic user name, such as {@code T0042}
     * @param terminal the teller terminal (device id) the teller works at, such as {@code TLR00101}
     * @param passwordHash {@code {bcrypt}} and a bcrypt hash of the password
     */
    record Account(@NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,32}") String id,
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}") String terminal,
            @NotBlank @Pattern(regexp = "\\{bcrypt\\}\\$2[aby]?\\$\\d\\d\\$.{53}",
                    message = "must be {bcrypt} followed by a bcrypt hash") String passwordHash) {

        @Override
        public String toString() {
            return "Account[id=" + id + ", terminal=" + terminal + "]";
        }
    }
}
