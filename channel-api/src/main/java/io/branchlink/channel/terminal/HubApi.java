package io.branchlink.channel.terminal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;

/** Request and response bodies of the hub API. Token texts are bearer secrets: no toString prints them. */
public final class HubApi {

    static final String TERMINAL = "[A-Z0-9]{8}";
    static final String CURRENCY = "[A-Z]{3}";

    private HubApi() {
    }

    public record WithdrawalRequest(@NotBlank @Size(max = 400) String token, @NotBlank @Pattern(regexp = TERMINAL) String terminalId,
            @Min(0) @Max(999_999) int stan, @NotNull Instant transmittedAt, @NotNull BigDecimal amount,
            @NotBlank @Pattern(regexp = CURRENCY) String currency, @Pattern(regexp = "[0-9A-Za-z]{1,12}") String rrn) {

        @Override
        public String toString() {
            return "WithdrawalRequest[" + terminalId + " stan=" + stan + " amount=" + amount + " " + currency + "]";
        }
    }

    /** @param advice true when the ITM has already kept the notes: the deposit is credited even if the token expired */
    public record DepositRequest(@NotBlank @Size(max = 400) String token, @NotBlank @Pattern(regexp = TERMINAL) String terminalId,
            @Min(0) @Max(999_999) int stan, @NotNull Instant transmittedAt, @NotNull BigDecimal amount,
            @NotBlank @Pattern(regexp = CURRENCY) String currency, @Pattern(regexp = "[0-9A-Za-z]{1,12}") String rrn,
            boolean advice) {

        @Override
        public String toString() {
            return "DepositRequest[" + terminalId + " stan=" + stan + " amount=" + amount + " " + currency + "]";
        }
    }

    /**
     * Reverses the original transaction with this key, fully or in part.
     *
     * @param completedAmount what the terminal actually completed: the cash dispensed for a withdrawal, the cash
     *     kept for a deposit; zero for a full reversal
     */
    public record ReversalRequest(@NotBlank @Pattern(regexp = "WITHDRAWAL|DEPOSIT") String kind,
            @NotBlank @Pattern(regexp = TERMINAL) String terminalId, @Min(0) @Max(999_999) int stan,
            @NotNull Instant transmittedAt, @NotNull @Min(0) BigDecimal completedAmount,
            @NotBlank @Pattern(regexp = CURRENCY) String currency) {
    }

    /**
     * The decision on a terminal transaction.
     *
     * @param irc the internal result code; {@code APPROVED} or the reason for the decline
     * @param authCode the six-digit authorization code of an approval
     * @param replayed true when this key was decided before and this is the stored answer
     */
    public record Decision(String irc, String authCode, String detail, boolean replayed) {
    }
}
