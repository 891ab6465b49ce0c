package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A summary of a finished customer transaction, for branch dashboards. It never carries a QR token or a full account
 * number: at most the account's last four digits.
 *
 * @param transactionId the agent's journal id of the transaction
 * @param stan the ISO 8583 STAN of the 0200
 * @param rrn the ISO 8583 retrieval reference number
 * @param amount the amount actually dispensed or deposited
 * @param result how it ended
 * @param accountLast4 the last four digits of the account, or {@code null}
 */
public record TransactionCompleted(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String transactionId,
        @JsonProperty(required = true) int stan,
        @JsonProperty(required = true) String rrn,
        @JsonProperty(required = true) TransactionKind kind,
        @JsonProperty(required = true) Money amount,
        @JsonProperty(required = true) Irc result,
        String accountLast4,
        @JsonProperty(required = true) Instant at) implements DeviceEvent {

    public static final String TYPE = "transaction-completed";

    private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

    public TransactionCompleted {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(transactionId);
        if (stan < 0 || stan > 999_999) {
            throw new IllegalArgumentException("stan must be 0-999999");
        }
        Payloads.text(rrn, "rrn", 12);
        Payloads.required(kind, "kind");
        Payloads.required(amount, "amount");
        if (amount.minorUnits() < 0) {
            throw new IllegalArgumentException("amount must not be negative");
        }
        Payloads.required(result, "result");
        if (accountLast4 != null && !LAST4.matcher(accountLast4).matches()) {
            throw new IllegalArgumentException("accountLast4 must be exactly four digits");
        }
        Payloads.required(at, "at");
    }

    public static TransactionCompleted of(String transactionId, int stan, String rrn, TransactionKind kind,
            Money amount, Irc result, String accountLast4, Instant at) {
        return new TransactionCompleted(MqttJson.SCHEMA_VERSION, transactionId, stan, rrn, kind, amount, result,
                accountLast4, at);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
