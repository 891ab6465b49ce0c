package io.branchlink.sim.app;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Realistic field values for every business type of the counter catalog ({@code prefill}'s {@code FormCatalog}),
 * as a customer would type them for {@link CustomerProfile}: amounts, dates relative to today, payees, banks and
 * purposes vary with the seed, and every sample passes the catalog's rules (checked by {@code FormSamplesTests}
 * for every type, so a new type without a sample fails the build). Not thread safe.
 *
 * @see io.branchlink.sim.app.FormSamplesTests
 */
public final class FormSamples {

    /** The business types this class can fill; {@code FormSamplesTests} checks it against the catalog. */
    public static final Set<String> TYPES = Set.of("CARD_LOSS_REPLACEMENT", "DEPOSIT_CERTIFICATE",
            "FOREIGN_CURRENCY_EXCHANGE", "LARGE_CASH_WITHDRAWAL_BOOKING", "PASSWORD_RESET",
            "PERSONAL_ACCOUNT_OPENING", "PERSONAL_INFO_CHANGE", "TIME_DEPOSIT_EARLY_WITHDRAWAL",
            "TIME_DEPOSIT_OPENING", "TRANSFER_REMITTANCE");

    private static final List<String> FOREIGN = List.of("USD", "EUR", "HKD", "JPY", "GBP");
    private static final List<String> OCCUPATIONS = List.of("EMPLOYEE", "CIVIL_SERVANT", "SELF_EMPLOYED", "STUDENT",
            "RETIRED", "OTHER");
    private static final List<String> PAYEES = List.of("李娜", "王建国", "陈晓明", "张丽华", "刘洋", "赵敏",
            "上海申通物流有限公司", "杭州西湖文化传媒有限公司", "深圳市南山区实验学校", "北京协和医院");
    private static final List<String> BANKS = List.of("中国工商银行", "中国农业银行", "中国银行", "中国建设银行",
            "交通银行", "招商银行", "浦发银行", "中信银行", "兴业银行", "中国邮政储蓄银行");
    private static final List<String> TRANSFER_PURPOSES = List.of("房租", "学费", "货款", "家庭生活费", "还款",
            "装修款", "Tuition fee", "Rent for March");
    private static final List<String> CERTIFICATE_PURPOSES = List.of("签证申请", "出国留学", "Visa application",
            "Study abroad", "资信证明");
    private static final List<String> EARLY_WITHDRAWAL_REASONS = List.of("购房首付", "医疗支出", "子女教育",
            "Family emergency", "资金周转");
    private static final List<String> BRANCH_CODES = List.of("1001", "1002", "2003", "31002", "440301");
    private static final List<String> STREETS = List.of("上海市徐汇区漕溪北路", "北京市海淀区中关村大街",
            "广东省广州市天河区天河路", "江苏省苏州市工业园区星湖街", "浙江省宁波市鄞州区天童南路");

    private final Clock clock;
    private final Random random;

    /**
     * @param clock gives today, for dates such as a loss date or a booking date; use the validator's clock
     * @param seed the same seed, clock and calls give the same samples
     */
    public FormSamples(Clock clock, long seed) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = new Random(seed);
    }

    /**
     * Field values for one form of {@code type} filled by {@code profile}. For an early withdrawal without a known
     * time deposit, the profile's second account stands in: the form is valid, but channel-api will refuse to
     * execute it.
     *
     * @throws IllegalArgumentException for a type this class has no sample for
     */
    public Map<String, String> sample(String type, CustomerProfile profile) {
        Objects.requireNonNull(profile, "profile");
        LocalDate today = LocalDate.now(clock);
        Map<String, String> v = new LinkedHashMap<>();
        v.put("customerName", profile.name());
        v.put("idNumber", profile.idNumber());
        switch (Objects.requireNonNull(type, "type")) {
            case "CARD_LOSS_REPLACEMENT" -> {
                v.put("mobile", profile.mobile());
                v.put("cardNumber", profile.cardNumber());
                v.put("lossKind", pick("TEMPORARY", "FORMAL"));
                v.put("lostOn", today.minusDays(random.nextInt(15)).toString());
                v.put("replace", pick("YES", "NO"));
            }
            case "DEPOSIT_CERTIFICATE" -> {
                String currency = random.nextInt(4) == 0 ? pick(FOREIGN) : "CNY";
                v.put("account", profile.currentAccount());
                v.put("currency", currency);
                v.put("amount", amount(currency, 5_000, 2_000_000, 100));
                v.put("certificateDate", today.minusDays(random.nextInt(10)).toString());
                v.put("copies", pick("1", "1", "2", "3"));
                optional(v, "purpose", pick(CERTIFICATE_PURPOSES));
            }
            case "FOREIGN_CURRENCY_EXCHANGE" -> {
                String foreign = pick(FOREIGN);
                boolean buyForeign = random.nextBoolean();
                String sell = buyForeign ? "CNY" : foreign;
                v.put("account", profile.currentAccount());
                v.put("sellCurrency", sell);
                v.put("sellAmount", sell.equals("JPY") ? amount(sell, 10_000, 500_000, 1_000)
                        : amount(sell, 100, 50_000, 50));
                v.put("buyCurrency", buyForeign ? foreign : "CNY");
                v.put("purpose", pick("TRAVEL", "STUDY", "BUSINESS", "FAMILY"));
            }
            case "LARGE_CASH_WITHDRAWAL_BOOKING" -> {
                v.put("mobile", profile.mobile());
                v.put("account", profile.currentAccount());
                v.put("amount", amount("CNY", 50_000, 500_000, 1_000));
                v.put("withdrawalDate", today.plusDays(1 + random.nextInt(7)).toString());
                v.put("branchCode", pick(BRANCH_CODES));
                v.put("denomination", pick("CNY100", "MIXED"));
            }
            case "PASSWORD_RESET" -> {
                String kind = pick("ACCOUNT", "ONLINE");
                v.put("mobile", profile.mobile());
                v.put("account", kind.equals("ACCOUNT") && random.nextBoolean() ? profile.cardNumber()
                        : profile.currentAccount());
                v.put("passwordKind", kind);
            }
            case "PERSONAL_ACCOUNT_OPENING" -> {
                v.put("idExpiry", today.plusYears(1 + random.nextInt(19)).plusDays(random.nextInt(365)).toString());
                v.put("mobile", profile.mobile());
                v.put("address", profile.address());
                v.put("occupation", pick(OCCUPATIONS));
                v.put("accountKind", pick("TYPE_I", "TYPE_II"));
                v.put("cardRequired", pick("YES", "NO"));
                optional(v, "initialDeposit", amount("CNY", 100, 50_000, 100));
            }
            case "PERSONAL_INFO_CHANGE" -> personalInfoChange(v, profile, today);
            case "TIME_DEPOSIT_EARLY_WITHDRAWAL" -> {
                String partial = pick("FULL", "PARTIAL");
                v.put("depositAccount", profile.timeDepositAccount() != null ? profile.timeDepositAccount()
                        : profile.secondAccount());
                v.put("withdrawal", partial);
                if (partial.equals("PARTIAL")) {
                    v.put("amount", amount("CNY", 1_000, 50_000, 500));
                }
                v.put("targetAccount", profile.currentAccount());
                optional(v, "reason", pick(EARLY_WITHDRAWAL_REASONS));
            }
            case "TIME_DEPOSIT_OPENING" -> {
                String currency = random.nextInt(5) == 0 ? pick("USD", "EUR", "HKD") : "CNY";
                v.put("sourceAccount", random.nextInt(4) == 0 ? profile.secondAccount() : profile.currentAccount());
                v.put("currency", currency);
                v.put("amount", amount(currency, 1_000, 500_000, 1_000));
                v.put("term", pick("M3", "M6", "Y1", "Y2", "Y3", "Y5"));
                v.put("autoRenew", pick("YES", "NO"));
            }
            case "TRANSFER_REMITTANCE" -> {
                boolean own = random.nextInt(5) == 0;
                v.put("fromAccount", profile.currentAccount());
                v.put("payeeName", own ? profile.name() : pick(PAYEES));
                v.put("payeeAccount", own ? profile.secondAccount() : payeeAccount(profile));
                v.put("payeeBank", pick(BANKS));
                v.put("amount", amount("CNY", 100, 200_000, 0.01));
                v.put("speed", pick("REALTIME", "NEXT_DAY"));
                optional(v, "purpose", pick(TRANSFER_PURPOSES));
            }
            default -> throw new IllegalArgumentException("no sample for business type " + type);
        }
        return Collections.unmodifiableMap(v);
    }

    /** One change or more of the optional fields; a new mobile or address differs from the profile's. */
    private void personalInfoChange(Map<String, String> v, CustomerProfile profile, LocalDate today) {
        List<String> changes = new ArrayList<>(List.of("newMobile", "newAddress", "newIdExpiry", "newOccupation"));
        Collections.shuffle(changes, random);
        for (String field : changes.subList(0, 1 + random.nextInt(changes.size()))) {
            switch (field) {
                case "newMobile" -> {
                    String mobile;
                    do {
                        mobile = "1" + (3 + random.nextInt(7)) + digits(9);
                    } while (mobile.equals(profile.mobile()));
                    v.put(field, mobile);
                }
                case "newAddress" -> v.put(field, pick(STREETS) + (1 + random.nextInt(800)) + "号"
                        + (1 + random.nextInt(20)) + "栋" + (101 + random.nextInt(1500)) + "室");
                case "newIdExpiry" -> v.put(field, today.plusYears(10 + random.nextInt(11)).toString());
                default -> v.put(field, pick(OCCUPATIONS));
            }
        }
    }

    private String payeeAccount(CustomerProfile profile) {
        String account;
        do {
            account = pick("6222", "6228", "6217", "6214", "6225") + digits(12 + random.nextInt(4));
        } while (profile.owns(account));
        return account;
    }

    /**
     * An amount between {@code min} and {@code max} in steps of {@code step}, written with the currency's
     * decimal places ("50000.00", or "120000" in yen).
     */
    private String amount(String currency, double min, double max, double step) {
        long steps = (long) Math.floor((max - min) / step);
        BigDecimal value = BigDecimal.valueOf(min).add(BigDecimal.valueOf(step)
                .multiply(BigDecimal.valueOf(steps == 0 ? 0 : Math.floorMod(random.nextLong(), steps + 1))));
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        return value.setScale(digits, RoundingMode.DOWN).toPlainString();
    }

    private void optional(Map<String, String> values, String field, String value) {
        if (random.nextInt(3) != 0) {
            values.put(field, value);
        }
    }

    private String digits(int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
