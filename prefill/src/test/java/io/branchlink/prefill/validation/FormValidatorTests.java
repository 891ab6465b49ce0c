package io.branchlink.prefill.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormValidatorTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final String CUSTOMER = "C-1001";
    private static final Set<String> OWNED = Set.of("6222020200112233445", "6222020200112233446");

    private static final FormCatalog CATALOG = FormCatalog.load();

    private final FormValidator validator = new FormValidator(
            (account, customer) -> CUSTOMER.equals(customer) && OWNED.contains(account),
            Clock.fixed(TODAY.atTime(10, 0).atZone(SHANGHAI).toInstant(), SHANGHAI));

    private static Map<String, String> timeDeposit() {
        Map<String, String> values = new HashMap<>();
        values.put("customerName", "王小明");
        values.put("idNumber", "11010519491231002X");
        values.put("sourceAccount", "6222020200112233445");
        values.put("currency", "CNY");
        values.put("amount", "20000.00");
        values.put("term", "Y1");
        values.put("autoRenew", "YES");
        return values;
    }

    private static Map<String, String> largeCash() {
        Map<String, String> values = new HashMap<>();
        values.put("customerName", "李华");
        values.put("idNumber", "310115198501010012");
        values.put("mobile", "13812345678");
        values.put("account", "6222020200112233446");
        values.put("amount", "80000");
        values.put("withdrawalDate", "2026-11-27");
        values.put("branchCode", "0101");
        values.put("denomination", "CNY100");
        return values;
    }

    private ValidationResult validate(String type, Map<String, String> values) {
        return validator.validate(CATALOG.get(type), CUSTOMER, values);
    }

    private ValidationResult timeDepositWith(String field, String value) {
        Map<String, String> values = timeDeposit();
        values.put(field, value);
        return validate("TIME_DEPOSIT_OPENING", values);
    }

    @Nested
    class ValidForms {

        @Test
        void acceptsACompleteTimeDeposit() {
            assertThat(validate("TIME_DEPOSIT_OPENING", timeDeposit()).errors()).isEmpty();
        }

        @Test
        void acceptsALargeCashBooking() {
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", largeCash()).isValid()).isTrue();
        }

        @Test
        void acceptsAMobileWithTheCountryCode() {
            Map<String, String> values = largeCash();
            values.put("mobile", "+8619912345678");
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", values).isValid()).isTrue();
        }
    }

    @Nested
    class RequiredAndUnknownFields {

        @Test
        void reportsEachMissingRequiredField() {
            Map<String, String> values = timeDeposit();
            values.remove("amount");
            values.put("term", "  ");
            ValidationResult result = validate("TIME_DEPOSIT_OPENING", values);
            assertThat(result.codes()).containsExactly(Map.entry("amount", "REQUIRED"), Map.entry("term", "REQUIRED"));
            assertThat(result.messages()).containsEntry("amount", "is required");
            assertThat(result.messagesZh()).containsEntry("amount", "存入金额为必填项");
        }

        @Test
        void rejectsUnknownFields() {
            Map<String, String> values = timeDeposit();
            values.put("interestRate", "9.99");
            assertThat(validate("TIME_DEPOSIT_OPENING", values).codes())
                    .containsExactly(Map.entry("interestRate", "UNKNOWN_FIELD"));
        }
    }

    @Nested
    class IdNumbers {

        @Test
        void reportsAWrongCheckDigit() {
            ValidationResult result = timeDepositWith("idNumber", "110105194912310021");
            assertThat(result.codes()).containsExactly(Map.entry("idNumber", "ID_CHECK_DIGIT"));
            assertThat(result.messagesZh()).containsEntry("idNumber", "校验码错误");
        }

        @Test
        void acceptsALowerCaseX() {
            assertThat(timeDepositWith("idNumber", "11010519491231002x").isValid()).isTrue();
        }

        @Test
        void reportsABadFormat() {
            assertThat(timeDepositWith("idNumber", "1101051949123100").codes()).containsEntry("idNumber", "ID_FORMAT");
        }
    }

    @Nested
    class Mobiles {

        @ParameterizedTest
        @ValueSource(strings = {"1381234567", "23812345678", "12812345678", "138-1234-5678", "+8513812345678"})
        void rejectsNumbersThatAreNotMainlandMobiles(String mobile) {
            Map<String, String> values = largeCash();
            values.put("mobile", mobile);
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", values).codes())
                    .containsExactly(Map.entry("mobile", "MOBILE_FORMAT"));
        }
    }

    @Nested
    class Amounts {

        @ParameterizedTest
        @ValueSource(strings = {"-100", "1e5", "abc", "1,000"})
        void rejectsMalformedAmounts(String amount) {
            assertThat(timeDepositWith("amount", amount).codes()).containsEntry("amount", "AMOUNT_FORMAT");
        }

        @Test
        void rejectsZero() {
            assertThat(timeDepositWith("amount", "0.00").codes()).containsEntry("amount", "AMOUNT_NOT_POSITIVE");
        }

        @Test
        void rejectsMoreDecimalsThanTheCurrencyHas() {
            assertThat(timeDepositWith("amount", "100.001").codes()).containsEntry("amount", "AMOUNT_SCALE");
            Map<String, String> yen = timeDeposit();
            yen.put("currency", "JPY");
            yen.put("amount", "20000.5");
            assertThat(validate("TIME_DEPOSIT_OPENING", yen).codes()).containsEntry("amount", "AMOUNT_SCALE");
        }

        @Test
        void appliesTheMinimumOfTheDefinition() {
            assertThat(timeDepositWith("amount", "49.99").codes()).containsEntry("amount", "AMOUNT_BELOW_MIN");
        }

        @Test
        void refusesALargeCashBookingBelowFiftyThousandYuan() {
            Map<String, String> values = largeCash();
            values.put("amount", "49999.99");
            ValidationResult result = validate("LARGE_CASH_WITHDRAWAL_BOOKING", values);
            assertThat(result.codes()).containsExactly(Map.entry("amount", "AMOUNT_BELOW_MIN"));
            assertThat(result.messages()).containsEntry("amount", "must be at least 50000 CNY");
        }

        @Test
        void refusesACurrencyTheFormDoesNotOffer() {
            assertThat(timeDepositWith("currency", "CHF").codes()).containsEntry("currency", "CURRENCY_NOT_OFFERED");
            assertThat(timeDepositWith("currency", "XYZ").codes()).containsEntry("currency", "CURRENCY_UNKNOWN");
        }
    }

    @Nested
    class Dates {

        @Test
        void rejectsABookingDateInThePast() {
            Map<String, String> values = largeCash();
            values.put("withdrawalDate", "2026-11-24");
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", values).codes())
                    .containsExactly(Map.entry("withdrawalDate", "DATE_IN_PAST"));
        }

        @Test
        void acceptsABookingForToday() {
            Map<String, String> values = largeCash();
            values.put("withdrawalDate", "2026-11-25");
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", values).isValid()).isTrue();
        }

        @Test
        void rejectsABookingTooFarAhead() {
            Map<String, String> values = largeCash();
            values.put("withdrawalDate", "2027-01-25");
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", values).codes())
                    .containsExactly(Map.entry("withdrawalDate", "DATE_TOO_FAR"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"2026/11/27", "27-11-2026", "2026-02-30", "tomorrow"})
        void rejectsMalformedDates(String date) {
            Map<String, String> values = largeCash();
            values.put("withdrawalDate", date);
            assertThat(validate("LARGE_CASH_WITHDRAWAL_BOOKING", values).codes())
                    .containsExactly(Map.entry("withdrawalDate", "DATE_FORMAT"));
        }
    }

    @Nested
    class ChoicesAndAccounts {

        @Test
        void rejectsAValueOutsideTheChoices() {
            assertThat(timeDepositWith("term", "Y4").codes()).containsExactly(Map.entry("term", "NOT_A_CHOICE"));
        }

        @Test
        void asksTheOwnershipHookAboutTheCustomersAccounts() {
            ValidationResult result = timeDepositWith("sourceAccount", "6222020299999999999");
            assertThat(result.codes()).containsExactly(Map.entry("sourceAccount", "ACCOUNT_NOT_OWNED"));
            assertThat(result.messagesZh()).containsEntry("sourceAccount", "该账户不属于本客户");
        }

        @Test
        void doesNotAskAboutAPayeeAccount() {
            Map<String, String> values = new HashMap<>(Map.of("customerName", "王小明", "idNumber", "11010519491231002X",
                    "fromAccount", "6222020200112233445", "payeeName", "张三", "payeeAccount", "6217000011112222333",
                    "payeeBank", "中国建设银行", "amount", "1200.50", "speed", "REALTIME"));
            assertThat(validate("TRANSFER_REMITTANCE", values).errors()).isEmpty();
        }
    }

    @Nested
    class BusinessRules {

        @Test
        void refusesAnExchangeIntoTheSameCurrency() {
            Map<String, String> values = new HashMap<>(Map.of("customerName", "王小明",
                    "idNumber", "11010519491231002X", "account", "6222020200112233445", "sellCurrency", "CNY",
                    "sellAmount", "10000", "buyCurrency", "CNY", "purpose", "TRAVEL"));
            FormDefinition exchange = CATALOG.get("FOREIGN_CURRENCY_EXCHANGE");
            ValidationResult result = validator.validate(exchange, CUSTOMER, values);
            assertThat(result.codes()).containsExactly(Map.entry("buyCurrency", "RULE_DIFFERENT"));
            assertThat(result.messagesZh()).containsEntry("buyCurrency", "买入币种不能与卖出币种相同");

            values.put("buyCurrency", "USD");
            assertThat(validator.validate(exchange, CUSTOMER, values).isValid()).isTrue();
        }

        @Test
        void requiresAnAmountForAPartialEarlyWithdrawal() {
            Map<String, String> values = new HashMap<>(Map.of("customerName", "王小明",
                    "idNumber", "11010519491231002X", "depositAccount", "6222020200112233445",
                    "withdrawal", "PARTIAL", "targetAccount", "6222020200112233446"));
            assertThat(validate("TIME_DEPOSIT_EARLY_WITHDRAWAL", values).codes())
                    .containsExactly(Map.entry("amount", "RULE_REQUIRED_WHEN"));

            values.put("withdrawal", "FULL");
            assertThat(validate("TIME_DEPOSIT_EARLY_WITHDRAWAL", values).isValid()).isTrue();
        }
    }
}
