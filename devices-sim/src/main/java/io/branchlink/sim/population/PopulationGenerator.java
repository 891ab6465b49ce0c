package io.branchlink.sim.population;

import io.branchlink.sim.population.SimulatedAction.Action;
import io.branchlink.sim.population.SimulatedAction.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.UUID;

/**
 * Streams a population's actions in time order, one customer's next action at a time from a priority queue: at no
 * point is more than a day of one customer's actions held. Each customer draws from their own random stream (seeded
 * from the population's seed and their index), so the output depends only on the settings.
 *
 * <p>Normal habits: a home in one of five cities, one phone (a quarter also a second), two or three usual branches
 * near home, two to six regular payees and one or two merchants of the city (a fifth of customers pay 3–7 bills to
 * them in one sitting once a month), a login most days, one to five cardless withdrawals a month (staged on the phone
 * near the branch, redeemed at its ITM 3–30 minutes later), transfers to
 * regular payees and now and then a new one, amounts log-normal around a personal usual amount, a few deposits and
 * counter forms, trips of 2–5 days to another city (about one customer in five a month), a new phone (about 3% a
 * month) or phone number (about 1%), 15% of customers aged 65 or more, 5% who never report the phone's position.
 * Fraud: see {@link Scenario}; each case starts at a random time of the month.
 */
public final class PopulationGenerator implements Iterator<SimulatedAction> {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final int BRANCHES_PER_CITY = 24;
    private static final int MERCHANTS_PER_CITY = 150;
    private static final Comparator<SimulatedAction> IN_TIME_ORDER = Comparator
            .comparing(SimulatedAction::at).thenComparingLong(SimulatedAction::id);

    private record City(String code, String name, double latitude, double longitude, double weight) {
    }

    private static final City[] CITIES = {
        new City("SH", "Shanghai", 31.2304, 121.4737, 0.30),
        new City("BJ", "Beijing", 39.9042, 116.4074, 0.25),
        new City("GZ", "Guangzhou", 23.1291, 113.2644, 0.15),
        new City("SZ", "Shenzhen", 22.5431, 114.0579, 0.15),
        new City("CD", "Chengdu", 30.5728, 104.0668, 0.15)};

    private final PopulationSettings settings;
    private final long startMillis;
    private final long monthMillis;
    private final int totalDays;
    private final Branch[][] branchesByCity = new Branch[CITIES.length][];
    private final Map<String, Branch> branchById = new LinkedHashMap<>();
    private final Customer[] customers;
    private final Map<Scenario, Integer> cases = new EnumMap<>(Scenario.class);
    private final PriorityQueue<Customer> queue = new PriorityQueue<>(
            (a, b) -> IN_TIME_ORDER.compare(a.head(), b.head()));
    private int nextCase = 1;

    public PopulationGenerator(PopulationSettings settings) {
        this.settings = settings;
        this.monthMillis = settings.monthStart().toEpochMilli();
        this.startMillis = monthMillis - settings.warmUpDays() * DAY;
        this.totalDays = settings.warmUpDays() + settings.days();
        Random random = new Random(settings.seed());
        for (int c = 0; c < CITIES.length; c++) {
            branchesByCity[c] = new Branch[BRANCHES_PER_CITY];
            for (int b = 0; b < BRANCHES_PER_CITY; b++) {
                double[] at = near(random, CITIES[c].latitude, CITIES[c].longitude, 9.0);
                Branch branch = new Branch("%s-%02d".formatted(CITIES[c].code, b + 1), CITIES[c].name, at[0], at[1]);
                branchesByCity[c][b] = branch;
                branchById.put(branch.id(), branch);
            }
        }
        customers = new Customer[settings.customers()];
        for (int i = 0; i < customers.length; i++) {
            customers[i] = new Customer(i);
        }
        inject(random);
        for (Customer customer : customers) {
            if (customer.head() != null) {
                queue.add(customer);
            }
        }
    }

    public PopulationSettings settings() {
        return settings;
    }

    /** Every branch with its ITM, in a fixed order. */
    public List<Branch> branches() {
        return List.copyOf(branchById.values());
    }

    /** Where a branch stands, as the risk engine's branch-position lookup needs it. */
    public Optional<Branch> branch(String id) {
        return Optional.ofNullable(id == null ? null : branchById.get(id));
    }

    /** How many fraud cases of each scenario were injected (a fan-in case is one mule counterparty). */
    public Map<Scenario, Integer> cases() {
        return Collections.unmodifiableMap(cases);
    }

    @Override
    public boolean hasNext() {
        return !queue.isEmpty();
    }

    @Override
    public SimulatedAction next() {
        Customer customer = queue.poll();
        if (customer == null) {
            throw new NoSuchElementException();
        }
        SimulatedAction action = customer.pending.poll();
        if (customer.head() != null) {
            queue.add(customer);
        }
        return action;
    }

    private void inject(Random random) {
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < customers.length; i++) {
            free.add(i);
        }
        Collections.shuffle(free, random);
        int perScenario = Math.max(2, (int) Math.round(customers.length * settings.scenarioShare()));
        for (Scenario scenario : Scenario.values()) {
            cases.put(scenario, 0);
        }
        cases.remove(Scenario.NORMAL);
        for (Scenario scenario : List.of(Scenario.TAKEOVER_CASH_OUT, Scenario.MULE_FAN_OUT, Scenario.REMOTE_CASH_OUT,
                Scenario.BURST, Scenario.ELDER_SCAM)) {
            for (int n = 0; n < perScenario; n++) {
                Customer victim = take(free, scenario == Scenario.ELDER_SCAM);
                if (victim == null) {
                    break;
                }
                victim.steady = true;
                int caseId = nextCase++;
                cases.merge(scenario, 1, Integer::sum);
                long at = caseStart(random);
                switch (scenario) {
                    case TAKEOVER_CASH_OUT -> takeover(random, victim, caseId, at);
                    case MULE_FAN_OUT -> fanOut(random, victim, caseId, at);
                    case REMOTE_CASH_OUT -> remoteCashOut(random, victim, caseId, at);
                    case BURST -> burst(random, victim, caseId, at);
                    case ELDER_SCAM -> elderScam(random, victim, caseId, at);
                    default -> throw new IllegalStateException(scenario.name());
                }
            }
        }
        int mules = Math.max(2, (int) Math.round(customers.length * settings.scenarioShare() / 9));
        for (int n = 0; n < mules && free.size() >= 12; n++) {
            cases.merge(Scenario.MULE_FAN_IN, 1, Integer::sum);
            fanIn(random, nextCase++, caseStart(random), 6 + random.nextInt(7), free);
        }
    }

    private Customer take(List<Integer> free, boolean elder) {
        for (int i = 0; i < free.size(); i++) {
            Customer customer = customers[free.get(i)];
            if (!elder || customer.age >= 65) {
                free.remove(i);
                return customer;
            }
        }
        return null;
    }

    /** A time of day (08:00–20:00) on a day of the month that leaves three days for the case to play out. */
    private long caseStart(Random random) {
        int day = 1 + random.nextInt(settings.days() - 4);
        return monthMillis + day * DAY + 8 * HOUR + (long) (random.nextDouble() * 12 * HOUR);
    }

    private void takeover(Random random, Customer victim, int caseId, long at) {
        Label label = new Label(Scenario.TAKEOVER_CASH_OUT, caseId, true);
        int city = random.nextDouble() < 0.6 ? otherCity(random, victim.city) : victim.city;
        double[] where = near(random, CITIES[city].latitude, CITIES[city].longitude, 6.0);
        String phone = "fr-" + caseId + "-phone";
        long previous = 0;
        if (random.nextDouble() < 0.6) {
            previous = victim.inject(at, Action.PHONE_CHANGE, "fr-" + caseId + "-web", null, null, null,
                    Channel.WEB, 0, label).id();
            at += 5 * MINUTE + (long) (random.nextDouble() * 55 * MINUTE);
        }
        long binding = victim.inject(at, Action.DEVICE_BINDING, phone, null, null, where, Channel.APP, previous,
                label).id();
        at += random.nextDouble() < 0.7 ? 10 * MINUTE + (long) (random.nextDouble() * 170 * MINUTE)
                : 25 * HOUR + (long) (random.nextDouble() * 23 * HOUR);
        victim.inject(at, Action.LOGIN, phone, null, null, where, Channel.APP, binding, label);
        int moves = 2 + random.nextInt(3);
        for (int k = 0; k < moves; k++) {
            at += 5 * MINUTE + (long) (random.nextDouble() * 25 * MINUTE);
            if (random.nextBoolean()) {
                Branch branch = pick(random, branchesByCity[city]);
                long amount = (20 + random.nextInt(31)) * 100_00L;
                double[] staged = near(random, branch.latitude(), branch.longitude(), 1.5);
                long staging = victim.inject(at, Action.CARDLESS_WITHDRAWAL, phone, amount, null, staged,
                        branch.id(), Channel.APP, binding, label).id();
                victim.inject(at + 5 * MINUTE + (long) (random.nextDouble() * 15 * MINUTE), Action.REDEMPTION, phone,
                        amount, null, near(random, branch.latitude(), branch.longitude(), 0.2), branch.id(),
                        Channel.ITM, staging, label);
            } else {
                victim.inject(at, Action.TRANSFER, phone, (3_000 + random.nextInt(27_001)) * 100L,
                        "fr-" + caseId + "-payee-" + k, where, Channel.APP, binding, label);
            }
        }
    }

    private void fanOut(Random random, Customer mule, int caseId, long at) {
        Label label = new Label(Scenario.MULE_FAN_OUT, caseId, true);
        int payees = 8 + random.nextInt(8);
        for (int k = 0; k < payees; k++) {
            mule.inject(at, Action.TRANSFER, mule.phone, (2_000 + random.nextInt(7_001)) * 100L,
                    "mo-" + caseId + "-" + k, mule.homePosition(random), Channel.APP, 0, label);
            at += 5 * MINUTE + (long) (random.nextDouble() * 35 * MINUTE);
        }
    }

    private void fanIn(Random random, int caseId, long at, int count, List<Integer> free) {
        Label label = new Label(Scenario.MULE_FAN_IN, caseId, false);
        String mule = "mi-" + caseId;
        for (int k = 0; k < count; k++) {
            Customer payer = customers[free.remove(free.size() - 1)];
            payer.steady = true;
            payer.inject(at + (long) (random.nextDouble() * 8 * HOUR), Action.TRANSFER, payer.phone,
                    (1_000 + random.nextInt(7_001)) * 100L, mule, payer.homePosition(random), Channel.APP, 0, label);
        }
    }

    private void remoteCashOut(Random random, Customer victim, int caseId, long at) {
        Label label = new Label(Scenario.REMOTE_CASH_OUT, caseId, true);
        Branch branch = pick(random, branchesByCity[otherCity(random, victim.city)]);
        boolean hidden = random.nextDouble() < 0.2;
        int withdrawals = 1 + random.nextInt(3);
        for (int k = 0; k < withdrawals; k++) {
            double[] phoneAt = hidden ? null : victim.homePosition(random);
            long amount = (10 + random.nextInt(41)) * 100_00L;
            long staging = victim.inject(at, Action.CARDLESS_WITHDRAWAL, victim.phone, amount, null, phoneAt,
                    branch.id(), Channel.APP, 0, label).id();
            victim.inject(at + 10 * MINUTE + (long) (random.nextDouble() * 20 * MINUTE), Action.REDEMPTION,
                    victim.phone, amount, null, phoneAt, branch.id(), Channel.ITM, staging, label);
            at += 20 * MINUTE + (long) (random.nextDouble() * 40 * MINUTE);
        }
    }

    private void burst(Random random, Customer victim, int caseId, long at) {
        Label label = new Label(Scenario.BURST, caseId, true);
        int actions = 6 + random.nextInt(5);
        long step = (3 * MINUTE + (long) (random.nextDouble() * 5 * MINUTE)) / actions;
        Branch branch = victim.usual[0];
        for (int k = 0; k < actions; k++) {
            double[] phoneAt = victim.homePosition(random);
            if (random.nextBoolean()) {
                long amount = (5 + random.nextInt(16)) * 100_00L;
                long staging = victim.inject(at, Action.CARDLESS_WITHDRAWAL, victim.phone, amount, null,
                        phoneAt, branch.id(), Channel.APP, 0, label).id();
                victim.inject(at + 10 * MINUTE + (long) (random.nextDouble() * 30 * MINUTE), Action.REDEMPTION,
                        victim.phone, amount, null, near(random, branch.latitude(), branch.longitude(), 0.2),
                        branch.id(), Channel.ITM, staging, label);
            } else {
                victim.inject(at, Action.TRANSFER, victim.phone, (1_000 + random.nextInt(4_001)) * 100L,
                        "bu-" + caseId + "-" + k, phoneAt, Channel.APP, 0, label);
            }
            at += step;
        }
    }

    private void elderScam(Random random, Customer victim, int caseId, long at) {
        Label label = new Label(Scenario.ELDER_SCAM, caseId, false);
        int payments = 1 + random.nextInt(3);
        for (int k = 0; k < payments; k++) {
            victim.inject(at, Action.TRANSFER, victim.phone, (5_000 + random.nextInt(45_001)) * 100L,
                    "es-" + caseId, victim.homePosition(random), Channel.APP, 0, label);
            at += 2 * HOUR + (long) (random.nextDouble() * 28 * HOUR);
        }
    }

    private static int otherCity(Random random, int city) {
        return (city + 1 + random.nextInt(CITIES.length - 1)) % CITIES.length;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** A point around a centre, normally spread with the given standard deviation in kilometres. */
    private static double[] near(Random random, double latitude, double longitude, double km) {
        double lat = latitude + random.nextGaussian() * km / 111.0;
        double lon = longitude + random.nextGaussian() * km / (111.0 * Math.cos(Math.toRadians(latitude)));
        return new double[] {lat, lon};
    }

    private static double kmBetween(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
                * Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }

    /** A customer's habits and their actions not yet handed out (at most about a day's, plus injected fraud). */
    private final class Customer {

        private enum Intent { LOGIN, WITHDRAW, DEPOSIT, TRANSFER, BILLS, FORM, NEW_PHONE, NEW_NUMBER }

        private record Planned(long at, Intent intent) {
        }

        final int index;
        final UUID id;
        final UUID account;
        final Random random;
        final int city;
        final double homeLatitude;
        final double homeLongitude;
        final Branch[] usual;
        final int age;
        final boolean reportsPosition;
        final double loginsPerDay;
        final double withdrawalsPerDay;
        final double transfersPerDay;
        final double depositsPerDay;
        final double usualAmount;
        final String[] payees;
        final String[] merchants;
        /** The day of each 30 on which this customer pays their bills in one sitting, or -1. */
        final int billDay;
        String phone;
        final String secondPhone;
        int phones = 1;
        int newPayees;
        /** Scenario victims keep their phone and number, so the injected actions use the phone they hold. */
        boolean steady;
        int day;
        int travelUntil = -1;
        int travelCity;
        int seq;
        final PriorityQueue<SimulatedAction> pending = new PriorityQueue<>(IN_TIME_ORDER);

        Customer(int index) {
            this.index = index;
            this.random = new Random(settings.seed() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 1);
            this.id = new UUID(0x5EED_0000_0000_0000L | settings.seed() & 0xFFFF_FFFFL, index);
            this.account = new UUID(0xACC0_0000_0000_0000L | settings.seed() & 0xFFFF_FFFFL, index);
            double u = random.nextDouble();
            int c = 0;
            double cumulative = CITIES[0].weight;
            while (u > cumulative && c < CITIES.length - 1) {
                cumulative += CITIES[++c].weight;
            }
            this.city = c;
            double[] home = near(random, CITIES[c].latitude, CITIES[c].longitude, 8.0);
            this.homeLatitude = home[0];
            this.homeLongitude = home[1];
            List<Branch> byDistance = new ArrayList<>(List.of(branchesByCity[c]));
            byDistance.sort(Comparator.comparingDouble(
                    b -> kmBetween(homeLatitude, homeLongitude, b.latitude(), b.longitude())));
            this.usual = byDistance.subList(0, 2 + random.nextInt(2)).toArray(Branch[]::new);
            this.age = random.nextDouble() < 0.15 ? 65 + random.nextInt(24) : 18 + random.nextInt(47);
            this.reportsPosition = random.nextDouble() >= 0.05;
            this.loginsPerDay = 0.5 + random.nextDouble() * 0.45;
            this.withdrawalsPerDay = (1 + random.nextDouble() * 4) / 30;
            this.transfersPerDay = (2 + random.nextDouble() * 10) / 30;
            this.depositsPerDay = random.nextDouble() * 1.5 / 30;
            this.usualAmount = Math.min(20_000, Math.max(50, 600 * Math.exp(0.8 * random.nextGaussian())));
            this.payees = new String[2 + random.nextInt(5)];
            for (int p = 0; p < payees.length; p++) {
                payees[p] = "py-" + index + "-" + p;
            }
            this.merchants = new String[1 + random.nextInt(2)];
            for (int m = 0; m < merchants.length; m++) {
                merchants[m] = merchant(c, random.nextInt(MERCHANTS_PER_CITY));
            }
            this.billDay = random.nextDouble() < 0.2 ? random.nextInt(30) : -1;
            this.phone = phoneName(phones);
            this.secondPhone = random.nextDouble() < 0.25 ? "tab-" + index : null;
        }

        private String phoneName(int n) {
            return "ph-" + index + "-" + n;
        }

        private static String merchant(int city, int n) {
            return "mer-" + CITIES[city].code + "-" + n;
        }

        /** The earliest action not handed out yet, generating days until one is known to come first. */
        SimulatedAction head() {
            while (day < totalDays && (pending.isEmpty()
                    || pending.peek().at().toEpochMilli() >= startMillis + day * DAY)) {
                generate(day++);
            }
            return pending.peek();
        }

        double[] homePosition(Random r) {
            return reportsPosition ? near(r, homeLatitude, homeLongitude, 1.0) : null;
        }

        SimulatedAction inject(long at, Action action, String device, Long amount, String counterparty,
                double[] position, Channel channel, long dependsOn, Label label) {
            return inject(at, action, device, amount, counterparty, position, null, channel, dependsOn, label);
        }

        SimulatedAction inject(long at, Action action, String device, Long amount, String counterparty,
                double[] position, String branchId, Channel channel, long dependsOn, Label label) {
            SimulatedAction simulated = new SimulatedAction(((long) index << 32) | seq++, dependsOn,
                    Instant.ofEpochMilli(at), at < monthMillis, action, id, device, account, amount, counterparty,
                    position == null ? null : position[0], position == null ? null : position[1], branchId, channel,
                    age, label);
            pending.add(simulated);
            return simulated;
        }

        private void generate(int d) {
            long dayStart = startMillis + d * DAY;
            if (d > travelUntil && random.nextDouble() < 0.007) {
                travelCity = otherCity(random, city);
                travelUntil = d + 1 + random.nextInt(4);
            }
            List<Planned> plan = new ArrayList<>();
            if (random.nextDouble() < loginsPerDay) {
                plan.add(new Planned(timeOfDay(dayStart), Intent.LOGIN));
                if (random.nextDouble() < 0.2) {
                    plan.add(new Planned(timeOfDay(dayStart), Intent.LOGIN));
                }
            }
            if (random.nextDouble() < withdrawalsPerDay) {
                plan.add(new Planned(timeOfDay(dayStart), Intent.WITHDRAW));
            }
            for (int n = poisson(transfersPerDay); n > 0; n--) {
                plan.add(new Planned(timeOfDay(dayStart), Intent.TRANSFER));
            }
            if (d % 30 == billDay) {
                plan.add(new Planned(dayStart + 19 * HOUR + (long) (random.nextDouble() * 3 * HOUR), Intent.BILLS));
            }
            if (random.nextDouble() < depositsPerDay) {
                plan.add(new Planned(timeOfDay(dayStart), Intent.DEPOSIT));
            }
            if (random.nextDouble() < 0.3 / 30) {
                plan.add(new Planned(dayStart + 9 * HOUR + (long) (random.nextDouble() * 8 * HOUR), Intent.FORM));
            }
            if (!steady && random.nextDouble() < 0.001) {
                plan.add(new Planned(timeOfDay(dayStart), Intent.NEW_PHONE));
            }
            if (!steady && random.nextDouble() < 0.0003) {
                plan.add(new Planned(timeOfDay(dayStart), Intent.NEW_NUMBER));
            }
            plan.sort(Comparator.comparingLong(Planned::at));
            boolean travelling = d <= travelUntil;
            for (Planned planned : plan) {
                act(planned, travelling);
            }
        }

        private void act(Planned planned, boolean travelling) {
            long at = planned.at();
            String device = secondPhone != null && random.nextDouble() < 0.15 ? secondPhone : phone;
            double[] here = !reportsPosition ? null : travelling
                    ? near(random, CITIES[travelCity].latitude, CITIES[travelCity].longitude, 6.0)
                    : near(random, homeLatitude, homeLongitude, 1.5);
            Branch branch = travelling ? pick(random, branchesByCity[travelCity]) : pick(random, usual);
            switch (planned.intent()) {
                case LOGIN -> inject(at, Action.LOGIN, device, null, null, here, Channel.APP, 0, Label.NORMAL);
                case WITHDRAW -> {
                    long amount = Math.round(Math.min(20_000, Math.max(100, lognormal(usualAmount, 0.5))) / 100)
                            * 100_00L;
                    long staging = inject(at, Action.CARDLESS_WITHDRAWAL, device, amount, null,
                            atBranch(branch, 2.0), branch.id(), Channel.APP, 0, Label.NORMAL).id();
                    inject(at + 3 * MINUTE + (long) (random.nextDouble() * 27 * MINUTE), Action.REDEMPTION, device,
                            amount, null, atBranch(branch, 0.2), branch.id(), Channel.ITM, staging, Label.NORMAL);
                }
                case DEPOSIT -> inject(at, Action.CARDLESS_DEPOSIT, device,
                        Math.round(Math.max(100, lognormal(usualAmount, 0.6)) / 100) * 100_00L, null,
                        atBranch(branch, 0.2), branch.id(), Channel.ITM, 0, Label.NORMAL);
                case TRANSFER -> inject(at, Action.TRANSFER, device,
                        Math.max(100, Math.round(lognormal(usualAmount, 0.7) * 100)), payee(travelling), here,
                        Channel.APP, 0, Label.NORMAL);
                case BILLS -> {
                    for (int n = 3 + random.nextInt(5); n > 0; n--) {
                        inject(at, Action.TRANSFER, device, Math.max(100, Math.round(lognormal(150, 0.6) * 100)),
                                random.nextBoolean() ? pick(random, merchants) : pick(random, payees), here,
                                Channel.APP, 0, Label.NORMAL);
                        at += 20_000 + (long) (random.nextDouble() * 70_000);
                    }
                }
                case FORM -> inject(at, Action.FORM_EXECUTION, device, null, null, atBranch(branch, 0.2),
                        branch.id(), random.nextBoolean() ? Channel.COUNTER : Channel.ITM, 0, Label.NORMAL);
                case NEW_PHONE -> {
                    phone = phoneName(++phones);
                    inject(at, Action.DEVICE_BINDING, phone, null, null, here, Channel.APP, 0, Label.NORMAL);
                }
                case NEW_NUMBER -> inject(at, Action.PHONE_CHANGE, phone, null, null, here, Channel.APP, 0,
                        Label.NORMAL);
                default -> throw new IllegalStateException(planned.intent().name());
            }
        }

        /** 78% a regular payee, 10% a usual merchant, 2% another merchant of the city, 10% a new payee. */
        private String payee(boolean travelling) {
            double u = random.nextDouble();
            if (u < 0.78) {
                return pick(random, payees);
            }
            if (u < 0.88) {
                return pick(random, merchants);
            }
            if (u < 0.90) {
                return merchant(travelling ? travelCity : city, random.nextInt(MERCHANTS_PER_CITY));
            }
            return "py-" + index + "-new-" + newPayees++;
        }

        private double[] atBranch(Branch branch, double km) {
            return reportsPosition ? near(random, branch.latitude(), branch.longitude(), km) : null;
        }

        /** 2% between 00:00 and 06:00, else uniformly between 07:00 and 23:00 (China time). */
        private long timeOfDay(long dayStart) {
            return random.nextDouble() < 0.02 ? dayStart + (long) (random.nextDouble() * 6 * HOUR)
                    : dayStart + 7 * HOUR + (long) (random.nextDouble() * 16 * HOUR);
        }

        private double lognormal(double median, double sigma) {
            return median * Math.exp(sigma * random.nextGaussian());
        }

        private int poisson(double mean) {
            double limit = Math.exp(-mean);
            double product = random.nextDouble();
            int n = 0;
            while (product > limit) {
                n++;
                product *= random.nextDouble();
            }
            return n;
        }
    }
}
