package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.protocol.hubapi.CashBookingAtCounter;
import io.branchlink.protocol.hubapi.CashOrder;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Large-cash bookings for branch hubs, always for the authenticated hub's own branch: a scanned code resolved to the
 * booking the teller console shows, the teller's one-click payout, and the branch's cash orders. Refusals at the
 * counter are answers ({@code outcome} REFUSED with a {@code refusal} code), not errors.
 */
@RestController
@Tag(name = "Branch hubs: large-cash bookings")
class HubCashBookingController {

    private final PayOutBooking payouts;
    private final CashOrders orders;

    HubCashBookingController(PayOutBooking payouts, CashOrders orders) {
        this.payouts = payouts;
        this.orders = orders;
    }

    @PostMapping(HubApiPaths.CASH_BOOKING_SCANS)
    @Operation(summary = "The booking a scanned code names, as the teller console shows it",
            description = "outcome READY (pay out now), or REFUSED with refusal NOT_A_BOOKING, FORGED, CODE_EXPIRED,"
                    + " UNKNOWN_BOOKING, WRONG_BRANCH, WRONG_DAY, CANCELLED, RELEASED or ALREADY_PAID.")
    CashBookingAtCounter scan(@AuthenticationPrincipal HubPrincipal hub, @Valid @RequestBody ScanRequest request) {
        return payouts.resolve(hub.branchId(), request.code());
    }

    @PostMapping(HubApiPaths.CASH_BOOKING_PAYOUTS)
    @Operation(summary = "The teller's one click: pay a booking out (idempotent on confirmationId)",
            description = "Captures the hold into the branch's cash GL account, archives the voucher (fetch it at"
                    + " /api/hub/v1/vouchers/{reference}) and answers outcome PAID with voucherReference; the same"
                    + " confirmationId answers the same payout again. Refusals as for a scan, and"
                    + " CONFIRMATION_REUSED.")
    CashBookingAtCounter pay(@AuthenticationPrincipal HubPrincipal hub, @Valid @RequestBody PayoutRequest request) {
        return payouts.pay(hub.branchId(), request.bookingId(), request.confirmationId(), request.tellerId(),
                request.terminalId());
    }

    @GetMapping(HubApiPaths.CASH_ORDERS)
    @Operation(summary = "The hub's branch's cash orders from..to (at most 92 days)")
    List<CashOrder> cashOrders(@AuthenticationPrincipal HubPrincipal hub, @RequestParam LocalDate from,
            @RequestParam LocalDate to) {
        return orders.between(hub.branchId(), from, to);
    }

    /** The body of {@code protocol.hubapi.CashBookingScan}, checked. @param code the scanned text */
    record ScanRequest(@NotBlank @Size(max = 512) String code) {

        @Override
        public String toString() {
            return "ScanRequest[…]";
        }
    }

    /** The body of {@code protocol.hubapi.CashPayoutRequest}, checked. */
    record PayoutRequest(@NotNull UUID bookingId, @NotNull UUID confirmationId,
            @NotBlank @Size(max = 32) @Pattern(regexp = "[A-Za-z0-9._-]+") String tellerId,
            @NotBlank @Pattern(regexp = "[A-Z0-9]{1,8}") String terminalId) {
    }
}
