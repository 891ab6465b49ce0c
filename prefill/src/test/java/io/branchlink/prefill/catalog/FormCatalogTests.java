package io.branchlink.prefill.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FormCatalogTests {

    private final FormCatalog catalog = FormCatalog.load();

    @Nested
    class Bundled {

        @Test
        void loadsEveryCounterBusinessType() {
            assertThat(catalog.types()).containsExactlyInAnyOrder(
                    "PERSONAL_ACCOUNT_OPENING", "TIME_DEPOSIT_OPENING", "TIME_DEPOSIT_EARLY_WITHDRAWAL",
                    "LARGE_CASH_WITHDRAWAL_BOOKING", "TRANSFER_REMITTANCE", "CARD_LOSS_REPLACEMENT",
                    "PASSWORD_RESET", "PERSONAL_INFO_CHANGE", "FOREIGN_CURRENCY_EXCHANGE", "DEPOSIT_CERTIFICATE");
        }

        @Test
        void givesEveryFieldAndChoiceBothLabels() {
            for (FormDefinition form : catalog.all()) {
                assertThat(form.label().zh()).as(form.type()).isNotBlank();
                assertThat(form.label().en()).as(form.type()).isNotBlank();
                for (FieldDefinition field : form.fields()) {
                    assertThat(field.label().zh()).as(form.type() + "." + field.name()).isNotBlank();
                    assertThat(field.label().en()).as(form.type() + "." + field.name()).isNotBlank();
                    field.rules().choices().forEach(c -> assertThat(c.label().isComplete())
                            .as(form.type() + "." + field.name() + "=" + c.value()).isTrue());
                }
            }
        }

        @Test
        void namesAnActionForEveryType() {
            assertThat(catalog.all()).allSatisfy(form -> assertThat(form.action()).matches("[A-Z][A-Z_]+"));
            assertThat(catalog.get("TIME_DEPOSIT_OPENING").action()).isEqualTo("TIME_DEPOSIT_OPEN");
        }

        @Test
        void marksTheNameAndIdNumberForTheIdCheckInEveryType() {
            assertThat(catalog.all()).allSatisfy(form -> assertThat(form.idCheckFields())
                    .extracting(FieldDefinition::name).contains("customerName", "idNumber"));
        }

        @Test
        void requiresLargeCashBookingsOfAtLeastFiftyThousandYuan() {
            FieldRules amount = catalog.get("LARGE_CASH_WITHDRAWAL_BOOKING").field("amount").orElseThrow().rules();
            assertThat(amount.currency()).isEqualTo("CNY");
            assertThat(amount.min()).isEqualByComparingTo("50000");
        }

        @Test
        void refusesAnUnknownType() {
            assertThat(catalog.find("MORTGAGE")).isEmpty();
            assertThatThrownBy(() -> catalog.get("MORTGAGE")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Malformed {

        private final ClassLoader loader = FormCatalogTests.class.getClassLoader();

        @Test
        void failsOnAFieldWithoutAnEnglishLabel() {
            assertThatThrownBy(() -> FormCatalog.load(loader, "io/branchlink/prefill/catalog/broken"))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("field account")
                    .hasMessageContaining("labels zh and en");
        }

        @Test
        void failsOnAnUnknownProperty() {
            assertThatThrownBy(() -> FormCatalog.load(loader, "io/branchlink/prefill/catalog/typo"))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("malformed definition")
                    .hasMessageContaining("pattrn");
        }

        @Test
        void failsWithoutAnIndex() {
            assertThatThrownBy(() -> FormCatalog.load(loader, "io/branchlink/prefill/nowhere"))
                    .isInstanceOf(CatalogException.class)
                    .hasMessageContaining("index.txt");
        }
    }
}
