package io.branchlink.sim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The app's "Mine" call against a JDK HTTP server answering as docs/mine.md specifies. */
class SimulatedAppMineTests {

    static final String MINE = """
            {"asOf": "2026-12-07T10:00:00Z", "from": "2026-11", "to": "2026-12",
             "totals": [{"currency": "CNY", "assets": 80012.34, "liabilities": 1500.00, "netWorth": 78512.34}],
             "lines": [{"kind": "ASSET", "product": "TIME_DEPOSIT", "reference": "************0005",
                        "name": "Time deposit", "currency": "CNY", "balance": 10000.00, "rate": null,
                        "dueDate": "2027-06-07", "gain": null},
                       {"kind": "LIABILITY", "product": "CARD", "reference": "************0013", "name": "Card",
                        "currency": "CNY", "balance": 1500.00, "rate": 18.25, "dueDate": null, "gain": null}],
             "months": [{"month": "2026-11", "currency": "CNY", "income": 0.00, "expense": 0.00},
                        {"month": "2026-12", "currency": "CNY", "income": 12.34, "expense": 300.00}],
             "categories": [{"category": "CASH_WITHDRAWAL", "flow": "EXPENSE", "currency": "CNY", "moneyIn": 0.00,
                             "moneyOut": 300.00, "amount": 300.00}],
             "returns": [{"currency": "CNY", "interest": 12.34, "fundGains": 0.00}]}
            """;

    final List<String> requests = new CopyOnWriteArrayList<>();
    ChannelApiStub server;
    SimulatedApp app;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("phone-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        requests.add(exchange.getRequestURI().getPath() + "?" + query);
        if ("months=0".equals(query)) {
            ChannelApiStub.reply(exchange, 400, "application/problem+json", """
                    {"status": 400, "irc": "FORMAT_ERROR", "detail": "months must be a whole number from 1 to 60."}
                    """.getBytes(StandardCharsets.UTF_8));
        } else {
            ChannelApiStub.reply(exchange, 200, "application/json", MINE.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsTotalsLinesMonthsCategoriesAndInterest() {
        SimulatedApp.Mine mine = app.mine();

        assertThat(requests).containsExactly("/api/v1/mine?months=12");
        assertThat(mine.from()).isEqualTo(YearMonth.of(2026, 11));
        assertThat(mine.totals()).singleElement()
                .satisfies(total -> assertThat(total.netWorth()).isEqualTo(Money.parse("78512.34", "CNY")));
        assertThat(mine.lines()).extracting(SimulatedApp.MineLine::product).containsExactly("TIME_DEPOSIT", "CARD");
        assertThat(mine.lines().get(0).dueDate()).isEqualTo(LocalDate.of(2027, 6, 7));
        assertThat(mine.lines().get(1).rate()).isEqualByComparingTo("18.25");
        assertThat(mine.lines().get(1).balance()).isEqualTo(Money.parse("1500.00", "CNY"));
        assertThat(mine.months().get(1).expense()).isEqualTo(Money.parse("300.00", "CNY"));
        assertThat(mine.categories()).singleElement()
                .satisfies(category -> assertThat(category.flow()).isEqualTo("EXPENSE"));
        assertThat(mine.interestEarned()).containsExactly(Money.parse("12.34", "CNY"));
    }

    @Test
    void asksForThePeriodAndReportsARefusal() {
        app.mine(60);
        assertThat(requests).containsExactly("/api/v1/mine?months=60");

        assertThatThrownBy(() -> app.mine(0)).hasMessageContaining("FORMAT_ERROR");
    }
}
