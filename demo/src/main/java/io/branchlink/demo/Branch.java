package io.branchlink.demo;

import io.branchlink.agent.link.MqttBroker;
import io.branchlink.agent.system.AgentConfig;
import io.branchlink.agent.teller.TellerConfig;
import io.branchlink.channel.ChannelApiApplication;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.channel.ledger.LedgerChecks;
import io.branchlink.demo.thirdparty.CardProcessorStub;
import io.branchlink.demo.thirdparty.ClearingStub;
import io.branchlink.demo.thirdparty.CreditBureauStub;
import io.branchlink.demo.thirdparty.IdentityCheckStub;
import io.branchlink.demo.thirdparty.SmsGatewayStub;
import io.branchlink.hub.HubApplication;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.sim.device.SimulatedCamera;
import io.branchlink.sim.device.SimulatedCashAcceptor;
import io.branchlink.sim.device.SimulatedCashDispenser;
import io.branchlink.sim.device.SimulatedReceiptPrinter;
import io.branchlink.sim.device.SimulatedScreen;
import io.branchlink.sim.queue.SimulatedTicketMachine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Starts the demo branch BR001: channel-api (embedded PostgreSQL, demo data), its hub (ISO 8583 server, embedded
 * MQTT broker, one Hazelcast member) and the ITMs ITM00101 and ITM00102 on simulated devices whose cassettes hold
 * exactly the cash channel-api's books say they hold ({@link Settings#withItms(int)} adds ITM00103 and on). Closing it
 * stops everything in reverse order; the applications register no shutdown hooks of their own, so a JVM exit closes
 * them in that order too (through whoever closes the branch) rather than all at once.
 */
public final class Branch implements AutoCloseable {

    public static final String BRANCH_ID = "BR001";
    public static final String HUB_ID = "hub-br001";
    public static final String HUB_SECRET = "demo-hub-secret";
    /** Demo MAC keys (AES-128, hex) of the two ITMs; real terminals get keys from key management. */
    static final Map<String, String> MAC_KEYS = Map.of(
            "ITM00101", "2b7e151628aed2a6abf7158809cf4f3c",
            "ITM00102", "000102030405060708090a0b0c0d0e0f");
    /** Demo MQTT passwords of the two ITMs and the teller terminal. */
    static final Map<String, String> MQTT_SECRETS = Map.of(
            "ITM00101", "itm00101-demo-secret",
            "ITM00102", "itm00102-demo-secret",
            "TLR00101", "tlr00101-demo-secret",
            "QTM00101", "qtm00101-demo-secret");
    /** The branch's queue-ticket machine, by the entrance. */
    public static final String TICKET_MACHINE = "QTM00101";
    /** The demo data's teller terminal, at the branch's counter. */
    public static final String TELLER_TERMINAL = "TLR00101";
    /** The demo teller who works at {@link #TELLER_TERMINAL}, and the password of the teller console. */
    public static final String TELLER_ID = "T0042";
    public static final String TELLER_PASSWORD = "teller-demo-pass";
    /** The demo operator, who may use the hub's device API ({@code /api/devices}) and fleet dashboard. */
    public static final String OPERATOR_ID = "ops";
    public static final String OPERATOR_PASSWORD = "operator-demo-pass";
    /**
     * The origin the demo's phones answer passkey ceremonies as: channel-api's default passkey origin
     * ({@code branchlink.channel.passkey.origins}). The demo's seeded phones were bound before soft OTP existed, so
     * a passkey registered through the app's real endpoints is their second factor for the risk engine's step-ups.
     */
    public static final String APP_ORIGIN = "http://localhost:8080";
    /** The demo web pages' default port (the app page, the ITM screens). */
    public static final int WEB_PORT = 8082;
    /** The bcrypt hashes the hub is configured with (it never sees the passwords). */
    static final String TELLER_PASSWORD_HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(TELLER_PASSWORD);
    static final String OPERATOR_PASSWORD_HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(OPERATOR_PASSWORD);
    /** The demo data seeds two ITMs. */
    static final int DEMO_ITMS = 2;
    /** What channel-api's books say each extra ITM holds, as its cassettes do: 1,500 × 100 + 1,000 × 50 CNY. */
    static final long EXTRA_ITM_CASH_MINOR = 200_000_00L;

    /**
     * Both applications share this JVM's classpath, so each leaves out the auto-configuration that only the other's
     * jars would bring: the hub has no database, channel-api no Hazelcast member.
     */
    private static final List<String> CHANNEL_ONLY_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration");
    private static final List<String> HUB_ONLY_AUTO_CONFIGURATION = List.of(
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.autoconfigure.hazelcast.HazelcastAutoConfiguration");

    private final Settings settings;
    private final SmsGatewayStub sms;
    private final IdentityCheckStub identity;
    private final CreditBureauStub bureau;
    private final ClearingStub clearing;
    private final ConfigurableApplicationContext channelApi;
    private volatile ConfigurableApplicationContext hub;
    private final Map<String, Itm> itms = new LinkedHashMap<>();
    private final TellerCounter counter;
    private final SimulatedTicketMachine ticketMachine;

    /**
     * Where and how the branch runs.
     *
     * @param workDir the database, journals and stores of this run
     * @param channelPort channel-api's HTTP port
     * @param hubPort the hub's HTTP port (teller console, device API, actuator)
     * @param isoPort the hub's ISO 8583 port
     * @param mqttPort the hub's MQTT port
     * @param hostTimeout how long an ITM waits for its 0210
     * @param cashTakenTimeout how long presented cash waits to be taken
     * @param itmCount how many ITMs the branch has: ITM00101 and ITM00102 from the demo data, then ITM00103 and on
     * @param webPort the port the demo's web pages are served on ({@code DemoWebServer}): the app page's origin,
     *         {@code http://localhost:<webPort>}, is one of channel-api's passkey origins, so that its browser can
     *         register and use passkeys
     */
    public record Settings(Path workDir, int channelPort, int hubPort, int isoPort, int mqttPort, Duration hostTimeout,
            Duration cashTakenTimeout, String hubChannelUrl, int itmIsoPort, int itmCount, int webPort) {

        public Settings {
            if (itmCount < 1 || itmCount > 99) {
                throw new IllegalArgumentException("itmCount must be between 1 and 99, was " + itmCount);
            }
        }

        /** The web pages on the default port. */
        public Settings(Path workDir, int channelPort, int hubPort, int isoPort, int mqttPort, Duration hostTimeout,
                Duration cashTakenTimeout, String hubChannelUrl, int itmIsoPort, int itmCount) {
            this(workDir, channelPort, hubPort, isoPort, mqttPort, hostTimeout, cashTakenTimeout, hubChannelUrl,
                    itmIsoPort, itmCount, WEB_PORT);
        }

        /** The demo data's two ITMs. */
        public Settings(Path workDir, int channelPort, int hubPort, int isoPort, int mqttPort, Duration hostTimeout,
                Duration cashTakenTimeout, String hubChannelUrl, int itmIsoPort) {
            this(workDir, channelPort, hubPort, isoPort, mqttPort, hostTimeout, cashTakenTimeout, hubChannelUrl,
                    itmIsoPort, DEMO_ITMS);
        }

        /** The documented default ports. */
        public static Settings defaults(Path workDir) {
            return new Settings(workDir, 8080, 8081, 8583, 1883, Duration.ofSeconds(30), Duration.ofSeconds(45), null,
                    0, DEMO_ITMS, WEB_PORT);
        }

        /** Free ports and short timeouts, for tests. */
        public static Settings forTests(Path workDir) {
            return new Settings(workDir, freePort(), freePort(), freePort(), freePort(), Duration.ofSeconds(5),
                    Duration.ofSeconds(2), null, 0, DEMO_ITMS, freePort());
        }

        /** The hub calls channel-api at {@code url} (a fault-injecting proxy in tests) instead of directly. */
        public Settings withHubChannelUrl(String url) {
            return new Settings(workDir, channelPort, hubPort, isoPort, mqttPort, hostTimeout, cashTakenTimeout, url,
                    itmIsoPort, itmCount, webPort);
        }

        /** The ITMs connect to {@code port} (a lossy link in tests) instead of the hub's ISO port. */
        public Settings withItmIsoPort(int port) {
            return new Settings(workDir, channelPort, hubPort, isoPort, mqttPort, hostTimeout, cashTakenTimeout,
                    hubChannelUrl, port, itmCount, webPort);
        }

        /**
         * The branch has {@code n} ITMs. Those beyond the demo data's two are registered in channel-api's books with
         * 200,000.00 CNY each when the branch starts.
         */
        public Settings withItms(int n) {
            return new Settings(workDir, channelPort, hubPort, isoPort, mqttPort, hostTimeout, cashTakenTimeout,
                    hubChannelUrl, itmIsoPort, n, webPort);
        }

        /** The cash taken timeout is {@code timeout}. */
        public Settings withCashTakenTimeout(Duration timeout) {
            return new Settings(workDir, channelPort, hubPort, isoPort, mqttPort, hostTimeout, timeout, hubChannelUrl,
                    itmIsoPort, itmCount, webPort);
        }

        /** The origin of the demo's web pages, as a browser on this machine names it. */
        public String webOrigin() {
            return "http://localhost:" + webPort;
        }

        /** ITM00101, ITM00102, ... up to {@link #itmCount()}. */
        List<String> terminalIds() {
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= itmCount; i++) {
                ids.add(String.format("ITM001%02d", i));
            }
            return ids;
        }

        String channelUrlForHub() {
            return hubChannelUrl != null ? hubChannelUrl : "http://127.0.0.1:" + channelPort;
        }

        int isoPortForItms() {
            return itmIsoPort != 0 ? itmIsoPort : isoPort;
        }
    }

    private Branch(Settings settings) {
        this.settings = settings;
        this.sms = SmsGatewayStub.start(0, SmsGatewayStub.DEMO_API_KEY);
        this.identity = IdentityCheckStub.start(0, IdentityCheckStub.DEMO_API_KEY);
        this.bureau = CreditBureauStub.start(0, CreditBureauStub.DEMO_API_KEY);
        this.clearing = ClearingStub.start(0, Duration.ofSeconds(3));
        // where channel-api finds each third party's stand-in, and the demo's keys for them
        Map<String, Object> thirdParties = new LinkedHashMap<>();
        thirdParties.put("branchlink.channel.sms.base-url", sms.baseUrl());
        thirdParties.put("branchlink.channel.sms.api-key", SmsGatewayStub.DEMO_API_KEY);
        thirdParties.put("branchlink.channel.identity.base-url", identity.baseUrl());
        thirdParties.put("branchlink.channel.identity.api-key", IdentityCheckStub.DEMO_API_KEY);
        thirdParties.put("branchlink.channel.bureau.base-url", bureau.baseUrl());
        thirdParties.put("branchlink.channel.bureau.api-key", CreditBureauStub.DEMO_API_KEY);
        thirdParties.put("branchlink.channel.clearing.base-url", clearing.baseUrl());
        thirdParties.put("branchlink.channel.clearing.api-key", ClearingStub.DEMO_API_KEY);
        thirdParties.put("branchlink.channel.clearing.notification-secret", ClearingStub.DEMO_NOTIFICATION_SECRET);
        thirdParties.put("branchlink.channel.card.processor-secret", CardProcessorStub.DEMO_SECRET);
        thirdParties.put("branchlink.channel.clearing.callback-url",
                "http://127.0.0.1:" + settings.channelPort() + "/api/clearing/v1/notifications");
        this.channelApi = startChannelApi(settings, thirdParties);
        registerExtraItms(channelApi, settings);
        openDemoCard(channelApi, channelApiUrl());
        this.hub = startHub(settings);
        for (String terminalId : settings.terminalIds()) {
            itms.put(terminalId, itm(terminalId, settings));
        }
        this.counter = counter(settings);
        this.ticketMachine = new SimulatedTicketMachine(new MqttBroker("tcp://127.0.0.1:" + settings.mqttPort(),
                TICKET_MACHINE, mqttSecret(TICKET_MACHINE), settings.workDir().resolve("queue/" + TICKET_MACHINE
                + "/mqtt")), BRANCH_ID, TICKET_MACHINE, Clock.systemUTC());
    }

    /** Starts channel-api, the hub and the ITMs, and waits until every ITM has signed on. */
    public static Branch start(Settings settings) {
        Branch branch = new Branch(settings);
        try {
            for (Itm itm : branch.itms.values()) {
                itm.start();
            }
            branch.counter.start();
            branch.ticketMachine.start();
            for (Itm itm : branch.itms.values()) {
                if (!itm.agent().awaitHostReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException(itm.terminalId() + " did not sign on to the hub");
                }
            }
            return branch;
        } catch (RuntimeException e) {
            branch.close();
            throw e;
        }
    }

    public Settings settings() {
        return settings;
    }

    public Itm itm(String terminalId) {
        Itm itm = itms.get(terminalId);
        if (itm == null) {
            throw new IllegalArgumentException("no ITM " + terminalId);
        }
        return itm;
    }

    public List<Itm> itms() {
        return List.copyOf(itms.values());
    }

    /** The counter's teller terminal, TLR00101. */
    /** The queue-ticket machine QTM00101: the customer shows the app's code, it prints a ticket. */
    public SimulatedTicketMachine ticketMachine() {
        return ticketMachine;
    }

    public TellerCounter counter() {
        return counter;
    }

    /** The teller console the hub serves; the demo teller signs in as {@link #TELLER_ID}. */
    public URI tellerConsoleUrl() {
        return hubUrl().resolve("/teller/");
    }

    /** The fleet dashboard the hub serves; the demo operator signs in as {@link #OPERATOR_ID}. */
    public URI fleetDashboardUrl() {
        return hubUrl().resolve("/fleet/");
    }

    public URI channelApiUrl() {
        return URI.create("http://127.0.0.1:" + settings.channelPort());
    }

    public URI hubUrl() {
        return URI.create("http://127.0.0.1:" + settings.hubPort());
    }

    /** A phone with the bank's app, pointed at this branch's channel-api. */
    public SimulatedApp phone(String deviceId) {
        return new SimulatedApp(channelApiUrl(), deviceId);
    }

    /** The SMS gateway channel-api sends through: its inboxes hold the codes sent to the customers' numbers. */
    public SmsGatewayStub smsGateway() {
        return sms;
    }

    /** The identity verification provider channel-api asks when a visitor opens an account from the app. */
    public IdentityCheckStub identityProvider() {
        return identity;
    }

    public ConfigurableApplicationContext channelApiContext() {
        return channelApi;
    }

    public ConfigurableApplicationContext hubContext() {
        return hub;
    }

    /** Stops the hub and starts it again on the same ports and stores, as an operator's restart would. */
    public synchronized void restartHub() {
        hub.close();
        hub = startHub(settings);
    }

    /**
     * Every broken money invariant: the books' own (entries balance, balances equal postings, holds, single use) and,
     * for each ITM, that its cash GL balance equals the cash physically inside it, less deposit notes it kept without
     * a credit, which its journal holds on exception records (every kept note is credited or on such a record).
     */
    public List<String> moneyInvariantViolations() {
        LedgerChecks ledger = channelApi.getBean(LedgerChecks.class);
        List<String> violations = new ArrayList<>(ledger.violations());
        for (Itm itm : itms.values()) {
            Money books = Money.ofMinor(ledger.terminalCash(itm.terminalId()), "CNY");
            Money inside = itm.physicalCash();
            Money uncredited = itm.agent() == null ? Money.ofMinor(0, "CNY")
                    : itm.agent().journal().keptWithoutCredit(inside.currency());
            if (!books.equals(inside.minus(uncredited))) {
                violations.add(itm.terminalId() + ": cash GL " + books + " but " + inside + " inside the machine, "
                        + uncredited + " of it kept without credit on exception records");
            }
        }
        return violations;
    }

    @Override
    public void close() {
        if (ticketMachine != null) {
            try {
                ticketMachine.close();
            } catch (RuntimeException e) {
                // closing the rest matters more
            }
        }
        if (counter != null) {
            try {
                counter.close();
            } catch (RuntimeException e) {
                // closing the rest matters more
            }
        }
        for (Itm itm : itms.values()) {
            try {
                itm.close();
            } catch (RuntimeException e) {
                // closing the rest matters more
            }
        }
        if (hub != null) {
            hub.close();
        }
        if (channelApi != null) {
            channelApi.close();
        }
        sms.close();
        identity.close();
        bureau.close();
        clearing.close();
    }

    private static ConfigurableApplicationContext startChannelApi(Settings settings,
            Map<String, Object> thirdParties) {
        SpringApplication application = ChannelApiApplication.application();
        application.setAdditionalProfiles("demo");
        application.setRegisterShutdownHook(false);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.config.name", "channel-api");
        properties.put("server.port", settings.channelPort());
        properties.put("branchlink.channel.database.data-directory",
                settings.workDir().resolve("channel-api/postgres").toString());
        properties.put("branchlink.channel.token-keys.key-file",
                settings.workDir().resolve("channel-api/token-signing-key.pk8").toString());
        properties.put("branchlink.demo.hub-secret", HUB_SECRET);
        properties.putAll(thirdParties);
        // the simulated phones' origin and the app page's, whose browser registers and uses passkeys
        properties.put("branchlink.channel.passkey.origins", APP_ORIGIN + "," + settings.webOrigin());
        properties.put("spring.autoconfigure.exclude", String.join(",", HUB_ONLY_AUTO_CONFIGURATION));
        return application.run(arguments(properties));
    }

    private static ConfigurableApplicationContext startHub(Settings settings) {
        SpringApplication application = new SpringApplication(HubApplication.class);
        application.setRegisterShutdownHook(false);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", settings.hubPort());
        properties.put("spring.autoconfigure.exclude", String.join(",", CHANNEL_ONLY_AUTO_CONFIGURATION));
        properties.put("branchlink.hub.branch-id", BRANCH_ID);
        // the demo's published secrets (HUB_SECRET) are accepted only by a hub that knows it runs the demo
        properties.put("branchlink.hub.demo", true);
        properties.put("branchlink.hub.cluster.name", "branchlink-" + BRANCH_ID + "-" + UUID.randomUUID());
        properties.put("branchlink.hub.iso8583.port", settings.isoPort());
        // every simulated ITM connects from this machine's loopback address: one source address for all of them
        properties.put("branchlink.hub.iso8583.max-connections-per-address", Math.max(32, 2 * settings.itmCount()));
        for (String terminal : settings.terminalIds()) {
            properties.put("branchlink.hub.iso8583.terminals." + terminal, macKey(terminal));
        }
        properties.put("branchlink.hub.channel.base-url", settings.channelUrlForHub());
        properties.put("branchlink.hub.channel.hub-id", HUB_ID);
        properties.put("branchlink.hub.channel.hub-secret", HUB_SECRET);
        properties.put("branchlink.hub.reversal.directory", settings.workDir().resolve("branch-hub/reversals")
                .toString());
        properties.put("branchlink.hub.mqtt.port", settings.mqttPort());
        for (String device : settings.terminalIds()) {
            properties.put("branchlink.hub.mqtt.devices." + device, mqttSecret(device));
        }
        properties.put("branchlink.hub.mqtt.devices." + TELLER_TERMINAL, mqttSecret(TELLER_TERMINAL));
        properties.put("branchlink.hub.mqtt.devices." + TICKET_MACHINE, mqttSecret(TICKET_MACHINE));
        properties.put("branchlink.hub.teller.accounts[0].id", TELLER_ID);
        properties.put("branchlink.hub.teller.accounts[0].terminal", TELLER_TERMINAL);
        properties.put("branchlink.hub.teller.accounts[0].password-hash", TELLER_PASSWORD_HASH);
        properties.put("branchlink.hub.operators.accounts[0].id", OPERATOR_ID);
        properties.put("branchlink.hub.operators.accounts[0].password-hash", OPERATOR_PASSWORD_HASH);
        return application.run(arguments(properties));
    }

    /**
     * Settings as command-line arguments, which take precedence over each application's own YAML. Both apps log
     * through the hub's Logback configuration: a jar on the shared classpath ships a logback.xml of its own.
     */
    private static String[] arguments(Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--logging.config=classpath:logback-spring.xml");
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    private static Itm itm(String terminalId, Settings settings) {
        Path home = settings.workDir().resolve("itm/" + terminalId);
        AgentConfig config = AgentConfig.builder(terminalId, BRANCH_ID, macKey(terminalId))
                .hub("127.0.0.1", settings.isoPortForItms())
                .mqtt("tcp://127.0.0.1:" + settings.mqttPort(), terminalId, mqttSecret(terminalId),
                        home.resolve("mqtt"))
                .journalDir(home.resolve("journal"))
                .hostTimeout(settings.hostTimeout())
                .cashTakenTimeout(settings.cashTakenTimeout())
                .build();
        return new Itm(config, SimulatedCashDispenser.cny(1_500, 1_000), SimulatedCashAcceptor.cny(),
                new SimulatedCamera(terminalId.hashCode()), new SimulatedReceiptPrinter(), new SimulatedScreen());
    }

    private static TellerCounter counter(Settings settings) {
        TellerConfig config = TellerConfig.builder(TELLER_TERMINAL, BRANCH_ID)
                .mqtt("tcp://127.0.0.1:" + settings.mqttPort(), TELLER_TERMINAL, mqttSecret(TELLER_TERMINAL),
                        settings.workDir().resolve("teller/" + TELLER_TERMINAL + "/mqtt"))
                .build();
        return new TellerCounter(config, new SimulatedCamera(TELLER_TERMINAL.hashCode()),
                new SimulatedReceiptPrinter());
    }

    /**
     * Registers the ITMs beyond the demo data's two in channel-api's books (once per work directory), before the hub
     * starts: each gets a cash GL account loaded with what its cassettes hold.
     */
    private static void registerExtraItms(ConfigurableApplicationContext channelApi, Settings settings) {
        List<String> extra = settings.terminalIds().stream().filter(id -> !MAC_KEYS.containsKey(id)).toList();
        if (extra.isEmpty()) {
            return;
        }
        BankSetup setup = channelApi.getBean(BankSetup.class);
        JdbcClient jdbc = channelApi.getBean(JdbcClient.class);
        for (String terminalId : extra) {
            boolean known = jdbc.sql("select count(*) from terminals where id = ?").param(terminalId)
                    .query(Integer.class).single() > 0;
            if (!known) {
                setup.itm(terminalId, BRANCH_ID, EXTRA_ITM_CASH_MINOR);
            }
        }
    }

    /**
     * Gives alice a credit card with a few purchases from the demo's card processor, once per work directory, so that
     * the app's card screen and the end-of-day job have something to show.
     */
    private static void openDemoCard(ConfigurableApplicationContext channelApi, URI channelApiUrl) {
        BankSetup setup = channelApi.getBean(BankSetup.class);
        JdbcClient jdbc = channelApi.getBean(JdbcClient.class);
        UUID alice = setup.customerId("alice").orElseThrow();
        boolean hasCard = jdbc.sql("select count(*) from credit_cards where customer_id = ?").param(alice)
                .query(Integer.class).single() > 0;
        if (!hasCard) {
            new CardProcessorStub(channelApiUrl, CardProcessorStub.DEMO_SECRET).openCardWithPurchases(alice,
                    OPERATOR_ID, OPERATOR_PASSWORD, CardProcessorStub.demoPurchases());
        }
    }

    /** The demo MAC key of an ITM: the fixed ones of the first two, derived from the terminal id for the rest. */
    static String macKey(String terminalId) {
        String key = MAC_KEYS.get(terminalId);
        if (key != null) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("branchlink-demo-mac-key:" + terminalId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The demo MQTT password of an ITM. */
    static String mqttSecret(String terminalId) {
        String secret = MQTT_SECRETS.get(terminalId);
        return secret != null ? secret : terminalId.toLowerCase(Locale.ROOT) + "-demo-secret";
    }

    /** A port that was free a moment ago, for tests and benchmarks that start a branch beside others. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
