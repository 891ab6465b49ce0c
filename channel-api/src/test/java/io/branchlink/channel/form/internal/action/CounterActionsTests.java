package io.branchlink.channel.form.internal.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CounterActionsTests {

    private static CounterAction.Context context(String action) {
        return new CounterAction.Context(UUID.randomUUID(), UUID.randomUUID(), "SOME_FORM", action, Map.of(),
                "BR001", "T0042", "TERM0001", "V-BR001-20260101-000001", Instant.EPOCH, LocalDate.EPOCH);
    }

    private record Fake(String action, String message) implements CounterAction {

        @Override
        public Done execute(Context ctx) {
            return Done.of(message, "action", ctx.action());
        }
    }

    @Nested
    class Selection {

        private final CounterActions actions = new CounterActions(List.of(new Fake("A_OPEN", "opened"),
                new Fake("B_CLOSE", "closed")));

        @Test
        void carriesOutTheActionTheCatalogNames() {
            assertThat(actions.perform(context("B_CLOSE")).message()).isEqualTo("closed");
            assertThat(actions.perform(context("A_OPEN")).message()).isEqualTo("opened");
        }

        @Test
        void refusesAnActionItDoesNotKnowAsABusinessFailure() {
            assertThatThrownBy(() -> actions.perform(context("C_UNKNOWN")))
                    .isInstanceOf(BusinessFailure.class)
                    .hasMessage("Business C_UNKNOWN cannot be executed at the counter.");
        }

        @Test
        void refusesTwoActionsForOneCatalogAction() {
            assertThatThrownBy(() -> new CounterActions(List.of(new Fake("A_OPEN", "one"), new Fake("A_OPEN", "two"))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("A_OPEN");
        }
    }

    @Nested
    class Catalog {

        /** Every action of the bank, built without its collaborators: only {@code action()} is called. */
        private final CounterActions bank = new CounterActions(List.of(
                new OpenTimeDeposit(null, null, null),
                new WithdrawTimeDeposit(null, null, null),
                new RemitMoney(null, null, null),
                new ReportCardLoss(null, null),
                new ChangePersonalInfo(null),
                new OpenPersonalAccount(null, null, null, null),
                new IssueDepositCertificate(null, null),
                new ExchangeCurrency(null, null, null, null),
                new BookLargeCash(null, null),
                new ResetPassword(null, null)));

        @Test
        void hasAnActionForEveryBusinessTypeOfTheCatalog() {
            List<String> catalogActions = FormCatalog.load().all().stream().map(FormDefinition::action).toList();

            assertThat(catalogActions).isNotEmpty();
            assertThat(bank.actions()).containsExactlyInAnyOrderElementsOf(catalogActions);
        }
    }

    @Nested
    class LuhnCheckDigit {

        @Test
        void completesAValidCardNumber() {
            assertThat(Cards.luhn("7992739871")).isEqualTo(3);
            assertThat(Cards.luhn("453914880343646")).isEqualTo(7);
        }
    }
}
