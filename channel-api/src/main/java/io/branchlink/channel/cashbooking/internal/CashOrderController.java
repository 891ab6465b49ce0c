package io.branchlink.channel.cashbooking.internal;

import io.branchlink.protocol.hubapi.CashOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.LocalDate;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of the branches' cash orders by date (HTTP Basic, {@code /api/ops/**}). */
@RestController
@RequestMapping("/api/ops/v1/cash-orders")
@Tag(name = "Operations: large-cash bookings")
class CashOrderController {

    private final CashOrders orders;

    CashOrderController(CashOrders orders) {
        this.orders = orders;
    }

    @GetMapping
    @Operation(summary = "What each branch must have in cash per date and denomination",
            description = "Open (BOOKED) and paid bookings summed per branch, date and denomination, from..to"
                    + " inclusive (at most 92 days); branchId narrows to one branch.")
    List<CashOrder> list(@RequestParam(required = false) @Pattern(regexp = "[A-Z0-9]{1,16}") String branchId,
            @RequestParam LocalDate from, @RequestParam LocalDate to) {
        return orders.between(branchId, from, to);
    }
}
