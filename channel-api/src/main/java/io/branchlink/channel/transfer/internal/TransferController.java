package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.risk.RiskSignals;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The app's transfers and its scheduled and standing transfer orders. */
@RestController
@Tag(name = "Transfers")
class TransferController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{8,64}");
    private static final String STEP_UP_ID_PATTERN = "[A-Za-z0-9_-]{43}";
    private static final String MEMO_PATTERN = "[^\\p{Cntrl}]{1,140}";

    private final TransferService transfers;
    private final TransferOrders orders;
    private final Refusals refusals;

    TransferController(TransferService transfers, TransferOrders orders, Refusals refusals) {
        this.transfers = transfers;
        this.orders = orders;
        this.refusals = refusals;
    }

    @PostMapping("/api/v1/transfers")
    @Operation(summary = "Transfer money now",
            description = "From one of the customer's accounts to another of them (toAccountId) or to a payee"
                    + " (payeeId). The Idempotency-Key header (8 to 64 of A-Z a-z 0-9 _ -) is required: the same key"
                    + " with the same request answers the first transfer again (header Idempotent-Replayed: true),"
                    + " with another request 409 CONFLICT. 400 INVALID_AMOUNT for an amount that is not CNY with at"
                    + " most 2 decimals, above 0 and at most max-amount; 404 for an account or payee that is not the"
                    + " customer's; 403 ACCESS_DENIED (reason designated-payees-only) when the customer's transfers"
                    + " go only to payees registered at the counter; 422 EXCEEDS_LIMIT over the per-transaction or"
                    + " daily limit; 422 NOT_SUFFICIENT_FUNDS. The risk engine is asked as for cardless staging: 403"
                    + " RISK_DECLINED, or 403 STEP_UP_REQUIRED with stepUp {id, factors, expiresAt}: pass it and send"
                    + " the same request again, with the same key, with stepUpId. To another bank the answer is SENT;"
                    + " the transfer becomes CONFIRMED or REFUNDED (REJECTED, TIMED_OUT) later.")
    ResponseEntity<Views.TransferView> transfer(@AuthenticationPrincipal CustomerPrincipal customer,
            @Parameter(description = "the client's unique key of this transfer") @RequestHeader(name = IDEMPOTENCY_KEY,
                    required = false) String idempotencyKey,
            @Valid @RequestBody TransferRequest request) {
        TransferService.Made made = transfers.transfer(customer, new TransferService.NewTransfer(
                request.fromAccountId(), request.toAccountId(), request.payeeId(), request.amount(),
                request.currency(), request.memo(), RiskSignals.device(request.rooted(), request.emulator()),
                request.stepUpId()), key(customer, idempotencyKey));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(REPLAYED, String.valueOf(made.replayed()))
                .body(Views.TransferView.of(made.transfer()));
    }

    @GetMapping("/api/v1/transfers")
    @Operation(summary = "The customer's latest 50 transfers, newest first")
    List<Views.TransferView> transfers(@AuthenticationPrincipal CustomerPrincipal customer) {
        return transfers.recent(customer.customerId()).stream().map(Views.TransferView::of).toList();
    }

    @GetMapping("/api/v1/transfers/{transferId}")
    @Operation(summary = "One of the customer's transfers", description = "404 for another customer's transfer.")
    Views.TransferView transfer(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID transferId) {
        return transfers.find(customer.customerId(), transferId).map(Views.TransferView::of)
                .orElseThrow(() -> refusals.refuse(customer.customerId(), Irc.NOT_FOUND, "unknown-transfer",
                        "Transfer not found"));
    }

    @PostMapping("/api/v1/transfer-orders")
    @Operation(summary = "Schedule a transfer, once or standing",
            description = "frequency ONCE pays on startDate; WEEKLY every week on its weekday; MONTHLY every month on"
                    + " its day (the month's last day when shorter), until endDate (optional) or until cancelled."
                    + " startDate is after today and within a year. Checked now like a transfer (ownership, the"
                    + " designated payees, the per-transaction limit, the risk engine with its step-up);"
                    + " Idempotency-Key as for a transfer. Each date's transfer is made by the bank's end of day:"
                    + " an execution EXECUTED, or FAILED with the reason (insufficient funds, the daily limit) and"
                    + " not tried again.")
    ResponseEntity<Views.OrderView> order(@AuthenticationPrincipal CustomerPrincipal customer,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody OrderRequest request) {
        TransferOrders.Made made = orders.order(customer, new TransferOrders.NewOrder(request.fromAccountId(),
                request.toAccountId(), request.payeeId(), request.amount(), request.currency(), request.memo(),
                request.frequency(), request.startDate(), request.endDate(), request.stepUpId()),
                key(customer, idempotencyKey));
        return ResponseEntity.status(HttpStatus.CREATED)
                .header(REPLAYED, String.valueOf(made.replayed()))
                .body(view(made.order()));
    }

    @GetMapping("/api/v1/transfer-orders")
    @Operation(summary = "The customer's transfer orders, newest first, with their executions")
    List<Views.OrderView> orders(@AuthenticationPrincipal CustomerPrincipal customer) {
        return orders.list(customer.customerId()).stream().map(this::view).toList();
    }

    @GetMapping("/api/v1/transfer-orders/{orderId}")
    @Operation(summary = "One transfer order with its executions")
    Views.OrderView order(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID orderId) {
        return orders.find(customer.customerId(), orderId).map(this::view)
                .orElseThrow(() -> refusals.refuse(customer.customerId(), Irc.NOT_FOUND, "unknown-order",
                        "Order not found"));
    }

    @DeleteMapping("/api/v1/transfer-orders/{orderId}")
    @Operation(summary = "Cancel a transfer order", description = "It pays no more; 409 when already cancelled or"
            + " finished.")
    Views.OrderView cancel(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID orderId) {
        return view(orders.cancel(customer.customerId(), orderId));
    }

    private Views.OrderView view(TransferOrder order) {
        return Views.OrderView.of(order, orders.nextDate(order), orders.executions(order.id()));
    }

    private String key(CustomerPrincipal customer, String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw refusals.refuse(customer.customerId(), Irc.MISSING_FIELD, "idempotency-key",
                    "The Idempotency-Key header is required.");
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw refusals.refuse(customer.customerId(), Irc.FORMAT_ERROR, "idempotency-key",
                    "The Idempotency-Key header is 8 to 64 letters, digits, '_' or '-'.");
        }
        return idempotencyKey;
    }

    /**
     * @param currency CNY, the default
     * @param stepUpId a step-up passed for this same transfer after a 403 STEP_UP_REQUIRED, or null
     * @param rooted the app found the phone rooted or jailbroken, or null when it did not check
     * @param emulator the app found itself on an emulator, or null when it did not check
     */
    record TransferRequest(@NotNull UUID fromAccountId, UUID toAccountId, UUID payeeId, @NotNull BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}") String currency, @Pattern(regexp = MEMO_PATTERN) String memo,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId, Boolean rooted, Boolean emulator) {
    }

    record OrderRequest(@NotNull UUID fromAccountId, UUID toAccountId, UUID payeeId, @NotNull BigDecimal amount,
            @Pattern(regexp = "[A-Z]{3}") String currency, @Pattern(regexp = MEMO_PATTERN) String memo,
            @NotNull Frequency frequency, @NotNull LocalDate startDate, LocalDate endDate,
            @Pattern(regexp = STEP_UP_ID_PATTERN) String stepUpId) {
    }
}
