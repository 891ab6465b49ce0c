package io.branchlink.channel.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.ClearingDouble;
import io.branchlink.channel.support.TestBank;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/** The app's transfer calls as the tests make them, and the operators' counter calls. */
public abstract class TransferTestSupport extends ChannelIntegrationTest {

    protected static String key() {
        return UUID.randomUUID().toString();
    }

    protected Api.Response addPayee(String session, Map<String, Object> payee) {
        return api.post("/api/v1/payees", session, payee);
    }

    /** A payee at this bank: the other customer's account, by number and holder's name. */
    protected String payeeAt(String session, TestBank.Customer other) {
        Api.Response added = addPayee(session, Map.of("type", "ACCOUNT", "accountNumber", other.accountNumber(),
                "name", other.fullName()));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        return added.text("id");
    }

    /** A payee at another bank, with a fresh random account number of its own. */
    protected String payeeElsewhere(String session, String accountNumber) {
        Api.Response added = addPayee(session, Map.of("type", "OTHER_BANK", "bankCode", "102100099996",
                "accountNumber", accountNumber, "name", "Other Bank Payee"));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        return added.text("id");
    }

    protected static String otherBankAccount() {
        long random = Math.abs(UUID.randomUUID().getLeastSignificantBits() % 800_000_000_000_000L);
        return "62" + (100_000_000_000_000L + random);
    }

    protected Api.Response transfer(String session, String idempotencyKey, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        if (idempotencyKey != null) {
            headers.add("Idempotency-Key", idempotencyKey);
        }
        return api.call(HttpMethod.POST, "/api/v1/transfers", session, body, headers);
    }

    protected Api.Response toPayee(String session, TestBank.Customer customer, String payeeId, String amount) {
        return transfer(session, key(), body(customer.accountId(), "payeeId", payeeId, amount));
    }

    protected static Map<String, Object> body(UUID from, String targetField, Object target, String amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("fromAccountId", from);
        body.put(targetField, target);
        body.put("amount", new BigDecimal(amount));
        body.put("currency", "CNY");
        return body;
    }

    /**
     * A transfer as a customer with soft OTP on the phone makes it: when the risk engine asks for a step-up (from
     * 1,000 CNY, or a large amount at night), a fresh code passes it and the same request goes again with the same key.
     */
    protected Api.Response confirmed(String session, Map<String, Object> body, String otpSecret) {
        String key = key();
        Api.Response first = transfer(session, key, body);
        if (!"STEP_UP_REQUIRED".equals(first.irc())) {
            return first;
        }
        clock.advance(java.time.Duration.ofSeconds(30));
        Map<String, Object> again = new HashMap<>(body);
        again.put("stepUpId", passStepUpWithOtp(session, first, otpSecret, 0));
        return transfer(session, key, again);
    }

    protected Api.Response operator(HttpMethod method, String path, Object body) {
        return api.call(method, path, Api.basic(OPERATOR, OPERATOR_PASSWORD), body, new HttpHeaders());
    }

    /** The teller registers the other customer's account as the customer's payee. */
    protected String registerAtCounter(TestBank.Customer customer, TestBank.Customer other) {
        Api.Response registered = operator(HttpMethod.POST, "/api/ops/v1/customers/" + customer.id() + "/payees",
                Map.of("type", "ACCOUNT", "accountNumber", other.accountNumber(), "name", other.fullName()));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(registered.body().path("registeredAtCounter").asBoolean()).isTrue();
        return registered.text("id");
    }

    protected long transfersOf(TestBank.Customer customer) {
        return jdbc.sql("select count(*) from transfers where customer_id = ?").param(customer.id())
                .query(Long.class).single();
    }

    /** A notification of the clearing system about a payment, signed with the test secret at the test clock's now. */
    protected Api.Response notifyClearing(String paymentId, String status, String notificationId, String reason) {
        String body = "{\"notificationId\":\"" + notificationId + "\",\"paymentId\":\"" + paymentId
                + "\",\"status\":\"" + status + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + "}";
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        HttpHeaders headers = new HttpHeaders();
        headers.add("X-Clearing-Timestamp", timestamp);
        headers.add("X-Clearing-Signature", ClearingDouble.signature(timestamp, body));
        return api.call(HttpMethod.POST, "/api/clearing/v1/notifications", null, body, headers);
    }

    protected String stateOf(String transferId) {
        return jdbc.sql("select state from transfers where id = ?::uuid").param(transferId).query(String.class)
                .single();
    }

    protected long entries(String transferId, String kind) {
        return jdbc.sql("select count(*) from journal_entries where reference = ? and kind = ?")
                .params(transferId, kind).query(Long.class).single();
    }
}
