package io.branchlink.demo.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.prefill.catalog.FormCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class CounterEffortTests {

    private static final FormCatalog CATALOG = FormCatalog.load();

    @Test
    void aChineseCharacterCostsFourKeystrokesAndAnythingElseOne() {
        assertThat(CounterEffort.keystrokes("6222020000000001")).isEqualTo(16);
        assertThat(CounterEffort.keystrokes("王芳")).isEqualTo(8);
        assertThat(CounterEffort.keystrokes("王芳 Wang")).isEqualTo(13);
    }

    @Test
    void everyBusinessTypeHasARowAndPaperCostsTheTellerMoreThanPreFill() {
        // The pre-filled side (one click, no keystroke) is checked against the real console in a browser:
        // CounterPagesIntegrationTests counts the teller's clicks and keystrokes there.
        List<CounterEffort.Row> rows = CounterEffort.estimate(CATALOG, 20, 3L);

        assertThat(rows).extracting(CounterEffort.Row::type).containsExactlyElementsOf(CATALOG.types());
        for (CounterEffort.Row row : rows) {
            assertThat(row.keystrokesWithout()).as(row.type()).isGreaterThan(20);
            assertThat(row.secondsWith()).as(row.type()).isLessThan(row.secondsWithout());
        }
    }

    @Test
    void theTableHasAHeaderARowPerTypeAndTheMean() {
        String table = CounterEffort.markdown(CounterEffort.estimate(CATALOG, 5, 3L));

        assertThat(table.lines()).hasSize(2 + CATALOG.types().size() + 1);
        assertThat(table).contains("Time deposit opening 定期存款开户").contains("**All types (mean)**");
    }
}
