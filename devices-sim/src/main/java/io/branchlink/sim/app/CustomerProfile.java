package io.branchlink.sim.app;

import io.branchlink.prefill.validation.ResidentIdNumber;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Who fills the forms: what a customer's ID card, phone and accounts say, as {@link FormSamples} needs it.
 * {@code toString} shows only the last four digits of numbers, so a profile can be logged.
 *
 * @param idNumber an 18-character mainland resident ID number with a valid check character
 * @param currentAccount the customer's main current account (12–19 digits)
 * @param secondAccount another account of the customer's own, for transfers between own accounts
 * @param cardNumber the customer's debit card number
 * @param timeDepositAccount a time deposit of the customer's, or {@code null} when none is known
 */
public record CustomerProfile(String name, String idNumber, String mobile, String address, String currentAccount,
        String secondAccount, String cardNumber, String timeDepositAccount) {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12,19}");
    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");

    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
        "马", "朱", "胡", "郭", "何", "林", "罗", "高"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
        "杰", "娟", "涛", "明", "超", "秀英", "华", "文博", "子涵", "欣怡", "浩然", "雨桐"};
    /** Real region codes (GB/T 2260) and the addresses that go with them. */
    private static final String[][] REGIONS = {
        {"110105", "北京市朝阳区建国路"}, {"310115", "上海市浦东新区世纪大道"}, {"440305", "广东省深圳市南山区科技园路"},
        {"330106", "浙江省杭州市西湖区文三路"}, {"510107", "四川省成都市武侯区人民南路"},
        {"320102", "江苏省南京市玄武区中山路"}, {"420106", "湖北省武汉市武昌区中南路"}};

    public CustomerProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(idNumber, "idNumber");
        Objects.requireNonNull(address, "address");
        if (!MOBILE.matcher(Objects.requireNonNull(mobile, "mobile")).matches()) {
            throw new IllegalArgumentException("mobile must be 11 digits starting with 1");
        }
        account(currentAccount, "currentAccount");
        account(secondAccount, "secondAccount");
        account(cardNumber, "cardNumber");
        if (timeDepositAccount != null) {
            account(timeDepositAccount, "timeDepositAccount");
        }
    }

    private static void account(String number, String field) {
        if (!ACCOUNT.matcher(Objects.requireNonNull(number, field)).matches()) {
            throw new IllegalArgumentException(field + " must be 12-19 digits");
        }
    }

    /** Whether {@code number} is one of this customer's accounts or cards. */
    public boolean owns(String number) {
        return number != null && (number.equals(currentAccount) || number.equals(secondAccount)
                || number.equals(cardNumber) || number.equals(timeDepositAccount));
    }

    /** A made-up but well-formed customer born between 1950 and 2004, with a time deposit. */
    public static CustomerProfile random(Random random) {
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + GIVEN[random.nextInt(GIVEN.length)];
        String[] region = REGIONS[random.nextInt(REGIONS.length)];
        LocalDate birth = LocalDate.of(1950 + random.nextInt(55), 1 + random.nextInt(12), 1 + random.nextInt(28));
        String first17 = region[0] + birth.toString().replace("-", "") + digits(random, 3);
        String idNumber = first17 + ResidentIdNumber.checkCharacter(first17);
        String mobile = "1" + (3 + random.nextInt(7)) + digits(random, 9);
        String address = region[1] + (1 + random.nextInt(999)) + "号" + (1 + random.nextInt(30)) + "栋"
                + (101 + random.nextInt(2000)) + "室";
        return new CustomerProfile(name, idNumber, mobile, address, "6222" + digits(random, 12),
                "6222" + digits(random, 12), "6217" + digits(random, 15), "6013" + digits(random, 12));
    }

    private static String digits(Random random, int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "CustomerProfile[name=" + name + ", id=…" + last4(idNumber) + ", mobile=…" + last4(mobile)
                + ", current=…" + last4(currentAccount) + ", second=…" + last4(secondAccount) + ", card=…"
                + last4(cardNumber) + ", timeDeposit=" + (timeDepositAccount == null ? "none"
                : "…" + last4(timeDepositAccount)) + "]";
    }

    private static String last4(String s) {
        return s.substring(s.length() - 4);
    }
}
