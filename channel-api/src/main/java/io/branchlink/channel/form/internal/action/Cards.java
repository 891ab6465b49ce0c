package io.branchlink.channel.form.internal.action;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Issues cards: 16 digits, 622202 + 9 digits + a Luhn check digit. */
@Component
class Cards {

    private final JdbcClient jdbc;

    Cards(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Issues an active card on the account; returns its number. */
    String issue(UUID customerId, UUID accountId, Instant now) {
        String number;
        do {
            long next = jdbc.sql("select nextval('card_numbers')").query(Long.class).single();
            String body = "622202" + String.format("%09d", next);
            number = body + luhn(body);
        } while (jdbc.sql("select count(*) from cards where card_number = ?").param(number).query(Integer.class)
                .single() > 0);
        jdbc.sql("""
                insert into cards (card_number, customer_id, account_id, status, issued_at)
                values (?, ?, ?, 'ACTIVE', ?)
                """)
                .params(number, customerId, accountId, Timestamp.from(now))
                .update();
        return number;
    }

    /** The Luhn check digit that makes {@code body} followed by it a valid card number. */
    static int luhn(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = body.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }
}
