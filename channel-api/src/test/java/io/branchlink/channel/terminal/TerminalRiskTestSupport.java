package io.branchlink.channel.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.branchlink.protocol.hubapi.DepositRequest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.WithdrawalRequest;
import io.branchlink.protocol.qr.QrTokenCodec;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;

/** A branch, a customer and the hub's calls for the tests of the risk checks at the ITM. */
abstract class TerminalRiskTestSupport extends ChannelIntegrationTest {

    static final String OPERATOR_AUTH = Api.basic(OPERATOR, OPERATOR_PASSWORD);
    private static final AtomicInteger STANS = new AtomicInteger(1);
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    TestBank.Branch branch;
    TestBank.Customer customer;
    String hub;
    Instant now;

    @BeforeEach
    void branchAndCustomer() {
        branch = bank.branch();
        customer = bank.customer(5_000_00);
        hub = Api.basic(branch.hubId(), branch.hubSecret());
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    static int nextStan() {
        return STANS.getAndIncrement();
    }

    String stagedWithdrawal(String amount) {
        Api.Response staged = stageWithdrawal(login(customer), customer, amount, branch.id());
        assertThat(staged.status()).as("staged: %s", staged.body()).isEqualTo(201);
        return staged.text("token");
    }

    String stagedDeposit() {
        return stageDeposit(login(customer), customer, branch.id()).text("token");
    }

    Api.Response withdraw(int stan, String token, String amount) {
        return api.post(HubApiPaths.WITHDRAWALS, hub, json(new WithdrawalRequest(token, branch.itm1(), stan, now,
                new BigDecimal(amount), "CNY", "R" + stan)));
    }

    Api.Response deposit(int stan, String token, String amount, boolean advice) {
        return api.post(HubApiPaths.DEPOSITS, hub, json(new DepositRequest(token, branch.itm1(), stan, now,
                new BigDecimal(amount), "CNY", null, advice)));
    }

    /** Records a completed action of the customer through the operators' API. */
    void recordEvent(String action, String channel, String deviceId) {
        Map<String, Object> body = new HashMap<>(Map.of("action", action, "customerId", customer.id(),
                "channel", channel));
        if (deviceId != null) {
            body.put("deviceId", deviceId);
        }
        Api.Response recorded = api.post("/api/ops/v1/risk/events", OPERATOR_AUTH, body);
        assertThat(recorded.status()).as("event recorded: %s", recorded.body()).isEqualTo(202);
    }

    /**
     * The customer's stored risk decisions at the ITM, newest first, as the operators' API lists them (the phone's
     * login and staging are decided too, on the app channel).
     */
    JsonNode decisions() {
        Api.Response listed = api.get("/api/ops/v1/risk/decisions?customerId=" + customer.id(), OPERATOR_AUTH);
        assertThat(listed.status()).isEqualTo(200);
        ArrayNode atTheItm = JsonNodeFactory.instance.arrayNode();
        listed.body().forEach(decision -> {
            if ("ITM".equals(decision.path("inputs").path("channel").asText())) {
                atTheItm.add(decision);
            }
        });
        return atTheItm;
    }

    /** The customer's recorded risk events of an action at the ITM. */
    int events(String action) {
        return jdbc.sql("select count(*) from risk_events where customer_id = ? and action = ? and channel = 'ITM'")
                .params(customer.id(), action).query(Integer.class).single();
    }

    String tokenStatus(String token) {
        return jdbc.sql("select status from cardless_tokens where token_id = ?")
                .param(QrTokenCodec.parse(token).claims().tokenIdHex()).query(String.class).single();
    }

    long cash1() {
        return bank.balance(branch.cash1());
    }

    private static JsonNode json(Object body) {
        return JSON.valueToTree(body);
    }
}
