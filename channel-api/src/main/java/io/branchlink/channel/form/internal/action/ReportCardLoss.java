package io.branchlink.channel.form.internal.action;

import io.branchlink.channel.ledger.Account;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Blocks a card of the customer's, for good ({@code FORMAL}) or for now ({@code TEMPORARY}), and issues a
 * replacement on the same account when the form asks for one.
 */
@Component
class ReportCardLoss implements CounterAction {

    private static final Logger log = LoggerFactory.getLogger(ReportCardLoss.class);

    private final JdbcClient jdbc;
    private final Cards cards;

    ReportCardLoss(JdbcClient jdbc, Cards cards) {
        this.jdbc = jdbc;
        this.cards = cards;
    }

    @Override
    public String action() {
        return "CARD_LOSS_REPLACE";
    }

    @Override
    public Done execute(Context ctx) {
        String number = ctx.value("cardNumber");
        Card card = jdbc.sql("""
                select card_number, customer_id, account_id, status from cards
                 where card_number = ? and customer_id = ? for update
                """)
                .params(number, ctx.customerId())
                .query(Card.class)
                .optional()
                .orElseThrow(() -> new BusinessFailure("Card " + Account.mask(number) + " is not the customer's."));
        if ("BLOCKED".equals(card.status())) {
            throw new BusinessFailure("Card " + Account.mask(number) + " is already blocked.");
        }
        String status = "FORMAL".equals(ctx.value("lossKind")) ? "BLOCKED" : "TEMPORARILY_BLOCKED";
        jdbc.sql("update cards set status = ?, status_changed_at = ? where card_number = ?")
                .params(status, Timestamp.from(ctx.now()), number)
                .update();
        Map<String, String> result = new LinkedHashMap<>();
        result.put("card", Account.mask(number));
        result.put("cardStatus", status);
        String message = "TEMPORARY".equals(ctx.value("lossKind")) ? "Card temporarily blocked" : "Card blocked";
        if ("YES".equals(ctx.value("replace"))) {
            String replacement = cards.issue(ctx.customerId(), card.accountId(), ctx.now());
            jdbc.sql("update cards set replaced_by = ? where card_number = ?").params(replacement, number).update();
            result.put("newCardLast4", replacement.substring(replacement.length() - 4));
            message += "; a replacement card was issued";
        }
        log.info("card loss reported card={} status={}", Account.mask(number), status);
        return new Done(message, result);
    }

    private record Card(String cardNumber, UUID customerId, UUID accountId, String status) {
    }
}
