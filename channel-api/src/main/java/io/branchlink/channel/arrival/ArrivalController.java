package io.branchlink.channel.arrival;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.protocol.hubapi.Arrival;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The app's arrival at a branch: by the phone's position, or by taking a ticket for a branch. Both stage the
 * customer's submitted forms there and answer the customer's ticket for the day.
 */
@RestController
@Tag(name = "Arrival and queue tickets")
class ArrivalController {

    private final Arrivals arrivals;

    ArrivalController(Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    /**
     * Where the phone is, as its location service reports it. Bounded before use: a latitude in [-90, 90], a
     * longitude in [-180, 180], an accuracy (the radius of uncertainty) in [0, 100000] metres.
     */
    record Position(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
            @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
            @NotNull @DecimalMin("0") @DecimalMax("100000") Double accuracyMetres) {
    }

    @PostMapping("/api/v1/arrivals")
    @Operation(summary = "I am at the branch: stage my submitted forms at the branch whose radius holds this "
            + "position and give me a queue ticket")
    Arrival arrive(@AuthenticationPrincipal CustomerPrincipal customer, @Valid @RequestBody Position position) {
        return arrivals.byLocation(customer, position.latitude(), position.longitude(), position.accuracyMetres());
    }

    @PostMapping("/api/v1/branches/{branchId:[A-Z0-9]{1,16}}/tickets")
    @Operation(summary = "Take a queue ticket at a branch (one per customer per branch per day; taking another "
            + "answers the same) and stage my submitted forms there")
    Arrival ticket(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable @Pattern(regexp = "[A-Z0-9]{1,16}") String branchId) {
        return arrivals.remoteTicket(customer, branchId);
    }
}
