package io.branchlink.sim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.validation.FormValidator;
import io.branchlink.prefill.validation.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample of every catalog type passes the catalog's own validator, for many customers and seeds. */
class FormSamplesTests {

    static final FormCatalog CATALOG = FormCatalog.load();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T02:00:00Z"), ZoneId.of("Asia/Shanghai"));

    static Stream<Arguments> typesAndSeeds() {
        return CATALOG.types().stream().flatMap(type -> LongStream.range(0, 25).mapToObj(seed -> Arguments.of(type,
                seed)));
    }

    static ValidationResult validate(String type, CustomerProfile profile, Map<String, String> values) {
        FormValidator validator = new FormValidator((account, customerId) -> customerId.equals("C1")
                && profile.owns(account), CLOCK);
        return validator.validate(CATALOG.get(type), "C1", values);
    }

    @Test
    void hasASampleForEveryTypeOfTheCatalogAndNoOther() {
        assertThat(FormSamples.TYPES).as("a new catalog type needs a sample in FormSamples")
                .containsExactlyInAnyOrderElementsOf(CATALOG.types());
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("typesAndSeeds")
    void producesValidValues(String type, long seed) {
        CustomerProfile profile = CustomerProfile.random(new Random(seed));
        Map<String, String> values = new FormSamples(CLOCK, seed).sample(type, profile);
        assertThat(validate(type, profile, values).errors()).as("%s %s", type, values.keySet()).isEmpty();
    }

    @Nested
    class Variety {

        @Test
        void differentSeedsGiveDifferentAmountsAndPayees() {
            CustomerProfile profile = CustomerProfile.random(new Random(1));
            Set<String> amounts = new HashSet<>();
            Set<String> payees = new HashSet<>();
            for (long seed = 0; seed < 20; seed++) {
                Map<String, String> values = new FormSamples(CLOCK, seed).sample("TRANSFER_REMITTANCE", profile);
                amounts.add(values.get("amount"));
                payees.add(values.get("payeeName"));
            }
            assertThat(amounts).hasSizeGreaterThan(15);
            assertThat(payees).hasSizeGreaterThan(3);
        }

        @Test
        void theSameSeedGivesTheSameSamples() {
            CustomerProfile profile = CustomerProfile.random(new Random(2));
            FormSamples a = new FormSamples(CLOCK, 42);
            FormSamples b = new FormSamples(CLOCK, 42);
            for (String type : CATALOG.types()) {
                assertThat(a.sample(type, profile)).isEqualTo(b.sample(type, profile));
            }
        }

        @Test
        void successiveSamplesOfOneGeneratorVary() {
            CustomerProfile profile = CustomerProfile.random(new Random(3));
            FormSamples samples = new FormSamples(CLOCK, 7);
            Set<Map<String, String>> seen = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                seen.add(samples.sample("TIME_DEPOSIT_OPENING", profile));
            }
            assertThat(seen).hasSizeGreaterThan(5);
        }
    }

    @Nested
    class Profiles {

        @Test
        void fillsTheProfilesOwnIdentityAndAccounts() {
            CustomerProfile profile = new CustomerProfile("陈静", "110105199003073453", "13800138000",
                    "北京市朝阳区建国路88号", "6222020000000001", "6222020000000002", "6217000000000000003",
                    "6013000000000004");
            Map<String, String> values = new FormSamples(CLOCK, 5).sample("TIME_DEPOSIT_EARLY_WITHDRAWAL", profile);
            assertThat(values).containsEntry("customerName", "陈静").containsEntry("idNumber", "110105199003073453")
                    .containsEntry("depositAccount", "6013000000000004")
                    .containsEntry("targetAccount", "6222020000000001");
            assertThat(validate("TIME_DEPOSIT_EARLY_WITHDRAWAL", profile, values).isValid()).isTrue();
        }

        @Test
        void withoutAKnownTimeDepositAnEarlyWithdrawalNamesTheSecondOwnAccount() {
            CustomerProfile profile = new CustomerProfile("李娜", "110105199003073453", "13800138000",
                    "北京市朝阳区建国路88号", "6222020000000001", "6222020000000002", "6217000000000000003", null);
            Map<String, String> values = new FormSamples(CLOCK, 5).sample("TIME_DEPOSIT_EARLY_WITHDRAWAL", profile);
            assertThat(values).containsEntry("depositAccount", "6222020000000002");
            assertThat(validate("TIME_DEPOSIT_EARLY_WITHDRAWAL", profile, values).isValid()).isTrue();
        }

        @Test
        void printsOnlyTheLastFourDigitsOfNumbers() {
            CustomerProfile profile = CustomerProfile.random(new Random(9));
            assertThat(profile.toString()).doesNotContain(profile.idNumber(), profile.currentAccount(),
                    profile.cardNumber(), profile.mobile()).contains(profile.name());
        }

        @Test
        void refusesAMalformedAccountNumber() {
            assertThatThrownBy(() -> new CustomerProfile("李娜", "110105199003073453", "13800138000",
                    "北京市朝阳区建国路88号", "6222-0200", "6222020000000002", "6217000000000000003", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void refusesATypeItHasNoSampleFor() {
        assertThatThrownBy(() -> new FormSamples(CLOCK, 1).sample("SAFE_DEPOSIT_BOX", CustomerProfile.random(
                new Random(1)))).isInstanceOf(IllegalArgumentException.class);
    }
}
