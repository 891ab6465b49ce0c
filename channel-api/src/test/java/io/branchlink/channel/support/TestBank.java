package io.branchlink.channel.support;

import io.branchlink.channel.demo.BankSetup;
import io.branchlink.channel.otp.SoftOtp;
import io.branchlink.prefill.validation.ResidentIdNumber;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds isolated fixtures on the shared database: every branch, terminal and customer gets a fresh id. */
@TestComponent
public class TestBank {

    public static final String PASSWORD = "correct horse battery staple";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final BankSetup setup;
    private final JdbcClient jdbc;
    private final SoftOtp softOtp;
    private final TransactionTemplate transaction;

    TestBank(BankSetup setup, JdbcClient jdbc, SoftOtp softOtp, PlatformTransactionManager transactions) {
        this.setup = setup;
        this.jdbc = jdbc;
        this.softOtp = softOtp;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Enrols the customer's bound phone for soft OTP, as binding it through the API would, and returns the secret
     * (Base32) its authenticator would hold.
     */
    public String enrolOtp(Customer customer) {
        return transaction.execute(status -> softOtp.enrol(customer.id(), customer.deviceId(), customer.username()))
                .secret();
    }

    /** A branch with two loaded ITMs, a teller terminal and a hub. */
    public Branch branch() {
        String id = "B" + random(6);
        setup.branch(id, "Test branch " + id);
        String itm1 = "I" + random(7);
        String itm2 = "I" + random(7);
        UUID cash1 = setup.itm(itm1, id, 100_000_00L);
        UUID cash2 = setup.itm(itm2, id, 100_000_00L);
        String teller = "T" + random(7);
        setup.teller(teller, id);
        String hubId = "hub-" + id.toLowerCase(Locale.ROOT);
        String secret = UUID.randomUUID().toString();
        setup.hub(hubId, id, secret);
        return new Branch(id, itm1, cash1, itm2, cash2, teller, hubId, secret);
    }

    /**
     * A customer with one CNY account, a phone bound long enough ago to be past any cool-off, a profile with a
     * valid resident ID number and a debit card on the account.
     */
    public Customer customer(long openingMinor) {
        return customer(openingMinor, Instant.now().minus(Duration.ofDays(60)));
    }

    public Customer customer(long openingMinor, Instant deviceBoundAt) {
        String username = "u" + random(10).toLowerCase(Locale.ROOT);
        String fullName = "Test " + username;
        String phone = "139" + digits(8);
        UUID id = setup.customer(username, PASSWORD, fullName, phone);
        String accountNumber = "6222" + digits(12);
        UUID account = setup.account(id, accountNumber, "Current", openingMinor);
        String deviceId = username + "-phone";
        if (deviceBoundAt != null) {
            setup.bindDevice(id, deviceId, "phone", deviceBoundAt);
        }
        String idNumber = idNumber();
        setup.profile(id, idNumber, "1 Test Street, Test City", "EMPLOYEE", LocalDate.now().plusYears(5));
        String card = cardNumber();
        setup.card(id, account, card);
        return new Customer(id, username, deviceId, account, accountNumber, fullName, idNumber, card, phone);
    }

    /** A valid resident ID number (GB 11643-1999) of someone born between 1950 and 1999, region Beijing Chaoyang. */
    public static String idNumber() {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(50 * 365));
        String first17 = "110105" + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + digits(3);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A 16-digit card number with a valid Luhn check digit. */
    public static String cardNumber() {
        String body = "622203" + digits(9);
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = (body.charAt(i) - '0') * (twice ? 2 : 1);
            sum += digit > 9 ? digit - 9 : digit;
            twice = !twice;
        }
        return body + (10 - sum % 10) % 10;
    }

    public UUID accountId(String accountNumber) {
        return setup.accountId(accountNumber).orElseThrow();
    }

    /** A further CNY account of the customer, with an opening balance. */
    public String account(Customer customer, long openingMinor) {
        String number = "6222" + digits(12);
        setup.account(customer.id(), number, "Savings", openingMinor);
        return number;
    }

    /** A CNY time deposit of the customer, with an opening balance. */
    public String timeDeposit(Customer customer, long openingMinor) {
        String number = "6222" + digits(12);
        LocalDate today = LocalDate.now();
        setup.timeDeposit(customer.id(), number, "Y1", today.minusMonths(3), today.plusMonths(9), false,
                openingMinor);
        return number;
    }

    public long balance(UUID accountId) {
        return jdbc.sql("select balance from accounts where id = ?").param(accountId).query(Long.class).single();
    }

    public long available(UUID accountId) {
        return jdbc.sql("select balance - held from accounts where id = ?").param(accountId).query(Long.class).single();
    }

    private static String random(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHANUMERIC.charAt(ThreadLocalRandom.current().nextInt(ALPHANUMERIC.length())));
        }
        return s.toString();
    }

    private static String digits(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    public record Branch(String id, String itm1, UUID cash1, String itm2, UUID cash2, String teller, String hubId,
            String hubSecret) {
    }

    public record Customer(UUID id, String username, String deviceId, UUID accountId, String accountNumber,
            String fullName, String idNumber, String cardNumber, String phone) {
    }
}
