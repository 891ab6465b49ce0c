package io.branchlink.channel.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo bank: branch BR001 with two ITMs and a teller terminal, its hub, and three customers whose logins the
 * README lists, with the profiles, cards and time deposit counter business needs. Seeded once, on the first start with {@code branchlink.demo.enabled=true}.
 */
@Component
@ConditionalOnProperty(name = "branchlink.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final BankSetup setup;
    private final DemoProperties properties;
    private final Clock clock;

    DemoData(BankSetup setup, DemoProperties properties, Clock clock) {
        this.setup = setup;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (setup.customerExists("alice")) {
            log.info("demo data already present");
            counterBusiness();
            return;
        }
        Instant now = clock.instant();
        setup.branch("BR001", "Riverside Branch 滨江支行");
        setup.branch("BR002", "Harbour Branch 港湾支行");
        setup.branchLocation("BR001", 31.2397, 121.4998, 150);
        setup.branchLocation("BR002", 31.2203, 121.4602, 150);
        setup.itm("ITM00101", "BR001", 200_000_00L);
        setup.itm("ITM00102", "BR001", 200_000_00L);
        setup.teller("TLR00101", "BR001");
        setup.hub("hub-br001", "BR001", properties.hubSecret());

        UUID alice = setup.customer("alice", "alice-demo-pass", "王芳 Wang Fang", "13800138001");
        setup.account(alice, "6222020000000001", "Current account 活期", 20_000_00L);
        setup.account(alice, "6222020000000002", "Savings 储蓄", 50_000_00L);
        setup.bindDevice(alice, "alice-phone", "Alice's phone", now.minus(Duration.ofDays(90)));

        UUID bob = setup.customer("bob", "bob-demo-pass", "李伟 Li Wei", "13800138002");
        setup.account(bob, "6222020000000003", "Current account 活期", 300_00L);
        setup.bindDevice(bob, "bob-phone", "Bob's phone", now.minus(Duration.ofDays(30)));

        UUID grace = setup.customer("grace", "grace-demo-pass", "陈秀英 Chen Xiuying", "13800138003");
        setup.account(grace, "6222020000000004", "Pension account 养老金", 80_000_00L);
        setup.bindDevice(grace, "grace-phone", "Grace's new phone", now.minus(Duration.ofHours(2)));
        counterBusiness();
        log.info("demo data seeded: branch BR001, ITMs ITM00101 and ITM00102, customers alice, bob, grace");
    }

    /**
     * What counter business needs of the demo customers (added to a demo bank seeded before it, too): profiles with
     * valid resident ID numbers, a debit card each, and a time deposit for alice to withdraw early.
     */
    private void counterBusiness() {
        UUID alice = setup.customerId("alice").orElseThrow();
        if (setup.hasProfile(alice)) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
        setup.profile(alice, "110105199003073429", "北京市朝阳区建国路88号 88 Jianguo Road, Chaoyang, Beijing",
                "EMPLOYEE", LocalDate.of(2035, 3, 7));
        setup.card(alice, setup.accountId("6222020000000001").orElseThrow(), "6222021000000013");
        setup.timeDeposit(alice, "6222020000000005", "Y1", today.minusMonths(6), today.plusMonths(6), true,
                10_000_00L);
        UUID bob = setup.customerId("bob").orElseThrow();
        setup.profile(bob, "310115198506145215", "上海市浦东新区世纪大道100号 100 Century Avenue, Pudong, Shanghai",
                "SELF_EMPLOYED", LocalDate.of(2030, 6, 14));
        setup.card(bob, setup.accountId("6222020000000003").orElseThrow(), "6222021000000021");
        UUID grace = setup.customerId("grace").orElseThrow();
        setup.profile(grace, "440306195209184621", "深圳市宝安区新安街道1号 1 Xin'an Street, Bao'an, Shenzhen",
                "RETIRED", LocalDate.of(2046, 9, 18));
        setup.card(grace, setup.accountId("6222020000000004").orElseThrow(), "6222021000000039");
        log.info("demo counter business data seeded: profiles, cards, a time deposit for alice");
    }
}
