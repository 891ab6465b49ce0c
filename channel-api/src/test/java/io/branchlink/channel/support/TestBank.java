package io.branchlink.channel.support;

import io.branchlink.channel.demo.BankSetup;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds isolated fixtures on the shared database: every branch, terminal and customer gets a fresh id. */
@TestComponent
public class TestBank {

    public static final String PASSWORD = "correct horse battery staple";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final BankSetup setup;
    private final JdbcClient jdbc;

    TestBank(BankSetup setup, JdbcClient jdbc) {
        this.setup = setup;
        this.jdbc = jdbc;
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

    /** A customer with one CNY account and a phone bound long enough ago to be past any cool-off. */
    public Customer customer(long openingMinor) {
        return customer(openingMinor, Instant.now().minus(Duration.ofDays(60)));
    }

    public Customer customer(long openingMinor, Instant deviceBoundAt) {
        String username = "u" + random(10).toLowerCase(Locale.ROOT);
        UUID id = setup.customer(username, PASSWORD, "Test " + username, "139" + digits(8));
        UUID account = setup.account(id, "6222" + digits(12), "Current", openingMinor);
        String deviceId = username + "-phone";
        if (deviceBoundAt != null) {
            setup.bindDevice(id, deviceId, "phone", deviceBoundAt);
        }
        return new Customer(id, username, deviceId, account);
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

    public record Customer(UUID id, String username, String deviceId, UUID accountId) {
    }
}
