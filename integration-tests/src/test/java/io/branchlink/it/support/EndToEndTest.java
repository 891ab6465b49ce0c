package io.branchlink.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.demo.Itm;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/**
 * Base of every end-to-end scenario: the shared branch, a fresh customer with a bound phone, and the money
 * invariants checked after each test (books balance; every ITM's cash GL equals the cash inside it).
 */
@Tag("e2e")
public abstract class EndToEndTest {

    protected Branch branch;

    @BeforeEach
    void shareTheBranch() {
        branch = SharedBranch.get();
    }

    @AfterEach
    void moneyInvariantsHold() {
        assertThat(branch.moneyInvariantViolations()).as("money invariants").isEmpty();
    }

    /** Signs claims with channel-api's own key: a genuine token, whatever its expiry. */
    protected String genuineToken(io.branchlink.protocol.qr.TokenType type, Money amount, Instant expiry) {
        io.branchlink.channel.cardless.TokenKeys keys = branch.channelApiContext()
                .getBean(io.branchlink.channel.cardless.TokenKeys.class);
        byte[] id = new byte[io.branchlink.protocol.qr.QrToken.TOKEN_ID_BYTES];
        ThreadLocalRandom.current().nextBytes(id);
        return keys.sign(new io.branchlink.protocol.qr.QrToken(io.branchlink.protocol.qr.QrTokenCodec.VERSION, type,
                keys.activeKeyId(), id, expiry, amount, Branch.BRANCH_ID));
    }

    /** A token that looks right but was signed by someone else's key. */
    protected static String forgedToken(io.branchlink.protocol.qr.TokenType type, Money amount) {
        byte[] id = new byte[io.branchlink.protocol.qr.QrToken.TOKEN_ID_BYTES];
        ThreadLocalRandom.current().nextBytes(id);
        return io.branchlink.protocol.qr.QrTokenCodec.encode(new io.branchlink.protocol.qr.QrToken(
                io.branchlink.protocol.qr.QrTokenCodec.VERSION, type, "K1", id, Instant.now().plusSeconds(300),
                amount, Branch.BRANCH_ID), io.branchlink.protocol.qr.Ed25519Keys.generate().getPrivate());
    }

    /** How many journal entries of {@code kind} channel-api booked for terminal transactions of {@code terminal}. */
    protected int entries(String kind, String terminal, int stan) {
        return branch.channelApiContext().getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("select count(*) from journal_entries where kind = ? and reference like ?")
                .params(kind, terminal + ":" + String.format("%06d", stan) + ":%")
                .query(Integer.class).single();
    }

    protected Itm itm1() {
        return branch.itm("ITM00101");
    }

    protected Itm itm2() {
        return branch.itm("ITM00102");
    }

    /** A new customer with one account holding {@code opening}, logged in on a phone bound long ago. */
    protected Customer customer(String opening) {
        BankSetup setup = branch.channelApiContext().getBean(BankSetup.class);
        String username = "e2e" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        String password = "e2e-" + UUID.randomUUID();
        UUID id = setup.customer(username, password, "Customer " + username, "139" + (10_000_000
                + ThreadLocalRandom.current().nextInt(89_999_999)));
        UUID account = setup.account(id, "6222" + (100_000_000_000L
                + ThreadLocalRandom.current().nextLong(899_999_999_999L)), "Current",
                Money.parse(opening, "CNY").minorUnits());
        String deviceId = username + "-phone";
        setup.bindDevice(id, deviceId, "phone", Instant.now().minus(Duration.ofDays(60)));
        SimulatedApp app = branch.phone(deviceId);
        app.login(username, password);
        return new Customer(app, account);
    }

    /** A customer as a test drives them: their phone's app and their account. */
    protected record Customer(SimulatedApp app, UUID accountId) {

        public Money balance() {
            return app.account(accountId).balance();
        }

        public Money available() {
            return app.account(accountId).available();
        }
    }
}
