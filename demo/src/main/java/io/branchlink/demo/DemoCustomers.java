package io.branchlink.demo;

import io.branchlink.sim.app.CustomerProfile;
import java.util.Map;
import java.util.Optional;

/**
 * The demo customers as their ID cards, phones and accounts describe them (channel-api's demo data holds the same),
 * for filling counter forms on their behalf.
 */
public final class DemoCustomers {

    /** Alice: two current accounts, a debit card and a one-year time deposit of 10,000.00 CNY. */
    public static final CustomerProfile ALICE = new CustomerProfile("王芳 Wang Fang", "110105199003073429",
            "13800138001", "北京市朝阳区建国路88号 88 Jianguo Road, Chaoyang, Beijing", "6222020000000001",
            "6222020000000002", "6222021000000013", "6222020000000005");
    /** Bob has one account: his second account here is alice's, a payee in the same bank. */
    public static final CustomerProfile BOB = new CustomerProfile("李伟 Li Wei", "310115198506145215", "13800138002",
            "上海市浦东新区世纪大道100号 100 Century Avenue, Pudong, Shanghai", "6222020000000003", "6222020000000001",
            "6222021000000021", null);
    /** Grace has one account, her pension account: as for bob, the second account is alice's. */
    public static final CustomerProfile GRACE = new CustomerProfile("陈秀英 Chen Xiuying", "440306195209184621",
            "13800138003", "深圳市宝安区新安街道1号 1 Xin'an Street, Bao'an, Shenzhen", "6222020000000004",
            "6222020000000001", "6222021000000039", null);

    private static final Map<String, CustomerProfile> BY_USERNAME = Map.of("alice", ALICE, "bob", BOB,
            "grace", GRACE);

    private DemoCustomers() {
    }

    public static Optional<CustomerProfile> profile(String username) {
        return Optional.ofNullable(BY_USERNAME.get(username));
    }
}
