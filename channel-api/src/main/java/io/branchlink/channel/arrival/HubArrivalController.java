package io.branchlink.channel.arrival;

import io.branchlink.channel.hubaccess.HubPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.Arrival;
import io.branchlink.protocol.hubapi.ArrivalRequest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A branch hub's report that a customer showed a FORM code at its queue-ticket machine. The branch is always the
 * authenticated hub's; the customer is the form's.
 */
@RestController
@Tag(name = "Branch hubs: arrival and queue tickets")
class HubArrivalController {

    private final Arrivals arrivals;

    HubArrivalController(Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    @PostMapping(HubApiPaths.ARRIVALS)
    @Operation(summary = "A customer showed a FORM code at the branch's ticket machine: stage their submitted forms "
            + "here and issue (or find) their ticket")
    Arrival arrive(@AuthenticationPrincipal HubPrincipal hub, @RequestBody ArrivalRequest request) {
        if (request == null || request.tokenId() == null || !request.tokenId().matches("[0-9a-f]{32}")
                || request.deviceId() == null || !request.deviceId().matches("[A-Z0-9]{1,16}")) {
            ApiException problem = new ApiException(Irc.FORMAT_ERROR,
                    "tokenId must be 32 hex digits and deviceId 1 to 16 capitals or digits.");
            problem.getBody().setProperty("code", "ARRIVAL_FORMAT");
            throw problem;
        }
        return arrivals.atMachine(hub, request);
    }
}
