package io.branchlink.channel.mine.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The customer's own "Mine" view; the session names the customer, so no other customer's data can be asked for. */
@RestController
@RequestMapping("/api/v1/mine")
@Tag(name = "Mine")
class MineController {

    private static final Logger log = LoggerFactory.getLogger(MineController.class);

    private final MineService mine;
    private final MeterRegistry meters;

    MineController(MineService mine, MeterRegistry meters) {
        this.mine = mine;
        this.meters = meters;
    }

    @GetMapping
    @Operation(summary = "Every asset and liability of the customer, income and expense by month and category,"
            + " and returns", description = "Totals per currency (assets, liabilities, net worth); the lines of"
            + " every product; income and expense for every calendar month of the period (Asia/Shanghai) and per"
            + " category, categorised from the postings by entry kind and counterparty (docs/mine.md); interest"
            + " earned in the period and the unrealised gains of fund holdings. A months value that is not a whole"
            + " number from 1 to 60: 400 FORMAT_ERROR.")
    MineView mine(@AuthenticationPrincipal CustomerPrincipal customer,
            @Parameter(description = "How many calendar months of flows, this one included: 1 to 60",
                    example = "12")
            @RequestParam(required = false) String months) {
        return mine.view(customer.customerId(), months(months));
    }

    /** The period, bounded before it is parsed: one or two digits, 1 to 60. */
    private int months(String text) {
        if (text == null) {
            return MineService.DEFAULT_MONTHS;
        }
        if (text.matches("[0-9]{1,2}")) {
            int months = Integer.parseInt(text);
            if (months >= 1 && months <= MineService.MAX_MONTHS) {
                return months;
            }
        }
        log.info("refused mine request irc=FORMAT_ERROR reason=months");
        meters.counter("branchlink.channel.requests.refused", "irc", Irc.FORMAT_ERROR.name(), "reason", "months")
                .increment();
        throw new ApiException(Irc.FORMAT_ERROR, "months must be a whole number from 1 to "
                + MineService.MAX_MONTHS + ".");
    }
}
