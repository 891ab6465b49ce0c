package io.branchlink.channel.demo;

import io.branchlink.channel.hubaccess.HubAuthenticationProvider;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the static data a bank runs on. Money only ever enters through balanced journal entries against the
 * opening-equity account, so the books balance from the first posting.
 */
@Component
@Transactional
public class BankSetup {

    public static final UUID OPENING_EQUITY = UUID.fromString("00000000-0000-0000-0000-00000000e002");

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final PasswordEncoder passwords;

    BankSetup(JdbcClient jdbc, Ledger ledger, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.passwords = passwords;
    }

    public void branch(String id, String name) {
        jdbc.sql("insert into branches (id, name) values (?, ?) on conflict do nothing").params(id, name).update();
    }

    /** Where a branch is: customers inside the circle have arrived there (staging on arrival). */
    public void branchLocation(String id, double latitude, double longitude, int radiusMetres) {
        jdbc.sql("update branches set latitude = ?, longitude = ?, radius_metres = ? where id = ?")
                .params(latitude, longitude, radiusMetres, id).update();
    }

    /** An ITM with its own cash GL account, loaded with {@code openingCashMinor} from the vault. */
    public UUID itm(String terminalId, String branchId, long openingCashMinor) {
        UUID cash = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, kind, side, currency, name)
                values (?, ?, 'CASH_GL', 'D', 'CNY', ?)
                """)
                .params(cash, "CASH-" + terminalId, "Cash in ITM " + terminalId)
                .update();
        jdbc.sql("insert into terminals (id, branch_id, kind, cash_account_id) values (?, ?, 'ITM', ?)")
                .params(terminalId, branchId, cash)
                .update();
        if (openingCashMinor > 0) {
            ledger.post("CASH_LOAD", "load " + terminalId, "CNY", List.of(
                    Posting.debit(cash, openingCashMinor), Posting.credit(OPENING_EQUITY, openingCashMinor)));
        }
        return cash;
    }

    public void teller(String terminalId, String branchId) {
        jdbc.sql("insert into terminals (id, branch_id, kind) values (?, ?, 'TELLER')")
                .params(terminalId, branchId)
                .update();
    }

    public void hub(String hubId, String branchId, String secret) {
        jdbc.sql("insert into hubs (id, branch_id, secret_hash) values (?, ?, ?)")
                .params(hubId, branchId, HubAuthenticationProvider.sha256(secret))
                .update();
    }

    public UUID customer(String username, String password, String fullName, String phone) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into customers (id, username, password_hash, full_name, phone) values (?, ?, ?, ?, ?)")
                .params(id, username, passwords.encode(password), fullName, phone)
                .update();
        return id;
    }

    /** A CNY deposit account with an opening balance booked against opening equity. */
    public UUID account(UUID customerId, String accountNumber, String name, long openingMinor) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, customer_id, kind, side, currency, name)
                values (?, ?, ?, 'CUSTOMER', 'C', 'CNY', ?)
                """)
                .params(id, accountNumber, customerId, name)
                .update();
        if (openingMinor > 0) {
            ledger.post("OPENING_BALANCE", "open " + accountNumber, "CNY", List.of(
                    Posting.debit(OPENING_EQUITY, openingMinor), Posting.credit(id, openingMinor)));
        }
        return id;
    }

    public void bindDevice(UUID customerId, String deviceId, String name, Instant boundAt) {
        jdbc.sql("insert into customer_devices (customer_id, device_id, name, bound_at) values (?, ?, ?, ?)")
                .params(customerId, deviceId, name, Timestamp.from(boundAt))
                .update();
    }

    /** The profile counter business checks forms against: ID number, address, occupation, ID expiry. */
    public void profile(UUID customerId, String idNumber, String address, String occupation, LocalDate idExpiry) {
        jdbc.sql("update customers set id_number = ?, address = ?, occupation = ?, id_expiry = ? where id = ?")
                .params(idNumber, address, occupation, idExpiry, customerId)
                .update();
    }

    /** An active debit card linked to one of the customer's accounts. */
    public void card(UUID customerId, UUID accountId, String cardNumber) {
        jdbc.sql("insert into cards (card_number, customer_id, account_id, status) values (?, ?, ?, 'ACTIVE')")
                .params(cardNumber, customerId, accountId)
                .update();
    }

    /** A CNY time deposit with its terms and an opening balance booked against opening equity. */
    public UUID timeDeposit(UUID customerId, String accountNumber, String term, LocalDate openedOn,
            LocalDate maturity, boolean autoRenew, long openingMinor) {
        UUID id = account(customerId, accountNumber, "Time deposit 定期 " + term + " until " + maturity, openingMinor);
        jdbc.sql("update accounts set product = 'TIME_DEPOSIT' where id = ?").param(id).update();
        jdbc.sql("""
                insert into time_deposits (account_id, term, opened_on, maturity_date, auto_renew)
                values (?, ?, ?, ?, ?)
                """)
                .params(id, term, openedOn, maturity, autoRenew)
                .update();
        return id;
    }

    public Optional<UUID> customerId(String username) {
        return jdbc.sql("select id from customers where username = ?").param(username).query(UUID.class).optional();
    }

    public Optional<UUID> accountId(String accountNumber) {
        return jdbc.sql("select id from accounts where account_number = ?").param(accountNumber).query(UUID.class)
                .optional();
    }

    public boolean hasProfile(UUID customerId) {
        return jdbc.sql("select id_number is not null from customers where id = ?").param(customerId)
                .query(Boolean.class).single();
    }

    public boolean customerExists(String username) {
        return jdbc.sql("select count(*) from customers where username = ?").param(username).query(Integer.class)
                .single() > 0;
    }
}
