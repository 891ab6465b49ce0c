package io.branchlink.prefill.validation;

import io.branchlink.prefill.catalog.BusinessRule;
import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FieldRules;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Validates the values of a filled form against its catalog definition and reports every problem per field, in
 * English and Chinese; values are the strings the app submitted, blank meaning absent.
 *
 * @see io.branchlink.prefill.validation.FormValidatorTests
 */
public final class FormValidator {

    /** The field name used for errors that concern the form as a whole. */
    public static final String FORM = "*";

    private static final Pattern MOBILE = Pattern.compile("(\\+86)?1[3-9][0-9]{9}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    private final AccountOwnership ownership;
    private final Clock clock;

    /** @param clock gives "today" for date rules, in the branch's zone */
    public FormValidator(AccountOwnership ownership, Clock clock) {
        this.ownership = Objects.requireNonNull(ownership, "ownership");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param customerId whose accounts ACCOUNT fields must name, passed to {@link AccountOwnership}
     * @param values field name → submitted value
     */
    public ValidationResult validate(FormDefinition form, String customerId, Map<String, String> values) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(values.keySet());
        form.fields().forEach(f -> unknown.remove(f.name()));
        unknown.forEach(name -> errors.add(error(name, "UNKNOWN_FIELD",
                "is not a field of " + form.label().en(), "不是" + form.label().zh() + "的字段")));

        LocalDate today = LocalDate.now(clock);
        for (FieldDefinition field : form.fields()) {
            String value = present(values.get(field.name()));
            if (value == null) {
                if (field.required()) {
                    errors.add(error(field.name(), "REQUIRED", "is required", field.label().zh() + "为必填项"));
                }
                continue;
            }
            FieldError problem = checkField(field, value, values, customerId, today);
            if (problem != null) {
                errors.add(problem);
            }
        }
        for (BusinessRule rule : form.rules()) {
            checkRule(rule, values, errors);
        }
        return new ValidationResult(errors);
    }

    private FieldError checkField(FieldDefinition field, String value, Map<String, String> values, String customerId,
                                  LocalDate today) {
        FieldRules rules = field.rules();
        String name = field.name();
        return switch (field.type()) {
            case TEXT -> checkText(name, value, rules);
            case CHOICE -> rules.choice(value).isPresent() ? null
                    : error(name, "NOT_A_CHOICE", "must be one of " + choiceValues(rules), "不在可选范围内");
            case CURRENCY -> checkCurrency(name, value, rules);
            case AMOUNT -> checkAmount(name, value, rules, values);
            case DATE -> checkDate(name, value, rules, today);
            case MOBILE -> MOBILE.matcher(value).matches() ? null
                    : error(name, "MOBILE_FORMAT", "must be a mainland mobile number of 11 digits starting with 1",
                    "须为以1开头的11位大陆手机号码");
            case ID_NUMBER -> checkIdNumber(name, value, today);
            case ACCOUNT -> checkAccount(name, value, rules, customerId);
        };
    }

    private static FieldError checkText(String name, String value, FieldRules rules) {
        int length = value.codePointCount(0, value.length());
        if (rules.minLength() != null && length < rules.minLength()) {
            return error(name, "TOO_SHORT", "must have at least " + rules.minLength() + " characters",
                    "至少" + rules.minLength() + "个字符");
        }
        if (rules.maxLength() != null && length > rules.maxLength()) {
            return error(name, "TOO_LONG", "must have at most " + rules.maxLength() + " characters",
                    "最多" + rules.maxLength() + "个字符");
        }
        if (rules.pattern() != null && !value.matches(rules.pattern())) {
            return error(name, "PATTERN", "has an invalid format", "格式不正确");
        }
        return null;
    }

    private static FieldError checkCurrency(String name, String value, FieldRules rules) {
        try {
            Currency.getInstance(value);
        } catch (IllegalArgumentException e) {
            return error(name, "CURRENCY_UNKNOWN", "is not an ISO 4217 currency code", "不是有效的币种代码");
        }
        if (!rules.choices().isEmpty() && rules.choice(value).isEmpty()) {
            return error(name, "CURRENCY_NOT_OFFERED", "must be one of " + choiceValues(rules), "该币种不受理");
        }
        return null;
    }

    private static FieldError checkAmount(String name, String value, FieldRules rules, Map<String, String> values) {
        String currency = rules.currency() != null ? rules.currency() : present(values.get(rules.currencyField()));
        if (currency == null) {
            return error(name, "CURRENCY_MISSING", "needs a currency", "缺少币种");
        }
        if (!isCurrency(currency)) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            return error(name, "AMOUNT_FORMAT", "must be a positive decimal amount such as 1000.00",
                    "须为正数金额，如1000.00");
        }
        Money money;
        try {
            money = Money.parse(value, currency);
        } catch (IllegalArgumentException e) {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            return error(name, "AMOUNT_SCALE", "allows at most " + digits + " decimal places in " + currency,
                    currency + "金额最多" + digits + "位小数");
        } catch (ArithmeticException e) {
            return error(name, "AMOUNT_FORMAT", "is too large", "金额过大");
        }
        if (!money.isPositive()) {
            return error(name, "AMOUNT_NOT_POSITIVE", "must be greater than zero", "金额须大于零");
        }
        BigDecimal amount = money.toDecimal();
        if (rules.min() != null && amount.compareTo(rules.min()) < 0) {
            return error(name, "AMOUNT_BELOW_MIN", "must be at least " + rules.min().toPlainString() + " " + currency,
                    "不得低于" + rules.min().toPlainString() + " " + currency);
        }
        if (rules.max() != null && amount.compareTo(rules.max()) > 0) {
            return error(name, "AMOUNT_ABOVE_MAX", "must be at most " + rules.max().toPlainString() + " " + currency,
                    "不得高于" + rules.max().toPlainString() + " " + currency);
        }
        return null;
    }

    private static FieldError checkDate(String name, String value, FieldRules rules, LocalDate today) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return error(name, "DATE_FORMAT", "must be a date as yyyy-MM-dd", "日期格式须为yyyy-MM-dd");
        }
        if (rules.mustNotBeInPast() && date.isBefore(today)) {
            return error(name, "DATE_IN_PAST", "must not be in the past", "不得早于今天");
        }
        if (rules.mustNotBeInFuture() && date.isAfter(today)) {
            return error(name, "DATE_IN_FUTURE", "must not be in the future", "不得晚于今天");
        }
        if (rules.maxDaysAhead() != null && date.isAfter(today.plusDays(rules.maxDaysAhead()))) {
            return error(name, "DATE_TOO_FAR", "must be within " + rules.maxDaysAhead() + " days from today",
                    "须在今天起" + rules.maxDaysAhead() + "天内");
        }
        return null;
    }

    private static FieldError checkIdNumber(String name, String value, LocalDate today) {
        return ResidentIdNumber.check(value, today).map(problem -> switch (problem) {
            case FORMAT -> error(name, "ID_FORMAT", "must be 17 digits followed by a digit or X",
                    "须为17位数字加1位数字或X");
            case REGION -> error(name, "ID_REGION", "starts with an unknown region code", "地区代码无效");
            case BIRTH_DATE -> error(name, "ID_BIRTH_DATE", "contains an impossible birth date", "出生日期无效");
            case CHECK_DIGIT -> error(name, "ID_CHECK_DIGIT", "has a wrong check digit", "校验码错误");
        }).orElse(null);
    }

    private FieldError checkAccount(String name, String value, FieldRules rules, String customerId) {
        FieldError format = checkText(name, value, rules);
        if (format != null) {
            return format;
        }
        if (rules.mustBeOwnedByCustomer() && !ownership.isOwnedBy(value, customerId)) {
            return error(name, "ACCOUNT_NOT_OWNED", "is not an account of this customer", "该账户不属于本客户");
        }
        return null;
    }

    private static void checkRule(BusinessRule rule, Map<String, String> values, List<FieldError> errors) {
        boolean involvedHaveErrors = errors.stream().anyMatch(e -> rule.fields().contains(e.field()));
        if (involvedHaveErrors) {
            return;
        }
        switch (rule.kind()) {
            case DIFFERENT -> {
                Set<String> seen = new TreeSet<>();
                for (String field : rule.fields()) {
                    String value = present(values.get(field));
                    if (value != null && !seen.add(value)) {
                        errors.add(error(field, "RULE_DIFFERENT", rule.message().en(), rule.message().zh()));
                        return;
                    }
                }
            }
            case REQUIRED_WHEN -> {
                String required = rule.fields().get(0);
                if (rule.value().equals(present(values.get(rule.fields().get(1))))
                        && present(values.get(required)) == null) {
                    errors.add(error(required, "RULE_REQUIRED_WHEN", rule.message().en(), rule.message().zh()));
                }
            }
        }
    }

    /** An unknown currency in the currency field is reported on that field, not again on the amount. */
    private static boolean isCurrency(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String choiceValues(FieldRules rules) {
        return String.join(", ", rules.choices().stream().map(c -> c.value()).toList());
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static FieldError error(String field, String code, String message, String messageZh) {
        return new FieldError(field, code, message, messageZh);
    }
}
