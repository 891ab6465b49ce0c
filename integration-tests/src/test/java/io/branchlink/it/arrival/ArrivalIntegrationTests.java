package io.branchlink.it.arrival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.demo.TellerConsole;
import io.branchlink.it.support.EndToEndTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.PrintTicket;
import io.branchlink.sim.app.AppException;
import io.branchlink.sim.app.CustomerProfile;
import io.branchlink.sim.app.FormSamples;
import io.branchlink.sim.app.SimulatedApp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staging on arrival through the whole branch: a customer submits a form in the app without choosing a branch,
 * arrives at BR001 (the phone's position inside its radius, or the app's code shown at the queue-ticket machine
 * QTM00101); channel-api stages the form there and issues a ticket; the hub's feed brings both; teller T0042's
 * console shows the ticket in its queue, "Call next" opens the customer's form, one click confirms, the voucher is
 * issued, "Done" ends the ticket. The money invariants are checked after every test.
 */
class ArrivalIntegrationTests extends EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    /** BR001's centre in the demo data, and a point about 40 m from it. */
    private static final double LATITUDE = 31.2397 + 0.00036;
    private static final double LONGITUDE = 121.4998;

    private TellerConsole console;

    @BeforeEach
    void theTellerTerminalAndTheTicketMachineAreConnected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> branch.counter().terminal().isConnected()
                && branch.ticketMachine().isConnected());
        console = new TellerConsole(branch.hubUrl(), Branch.TELLER_ID, Branch.TELLER_PASSWORD);
    }

    @Test
    void aCustomerWhoArrivesIsCalledFromTheQueueAndServedWithOneClick() {
        ArrivingCustomer customer = arrivingCustomer();
        String draftId = submitted(customer, "TRANSFER_REMITTANCE", Map.of("fromAccount",
                customer.profile().currentAccount(), "amount", "250.00"));
        Money before = customer.balance();

        SimulatedApp.Arrival arrival = customer.app().arrive(LATITUDE, LONGITUDE, 15);

        assertThat(arrival.branchId()).isEqualTo(Branch.BRANCH_ID);
        assertThat(arrival.staged()).containsExactly(draftId);
        assertThat(arrival.formsStaged()).isEqualTo(1);
        assertThat(customer.app().draft(draftId).status()).isEqualTo("STAGED");
        String label = String.format("%03d", arrival.ticketNumber());
        await().atMost(PATIENCE).until(() -> ticketStatus(label).equals("WAITING"));

        JsonNode called = callUntil(arrival.ticketId());
        assertThat(called.path("forms")).hasSize(1);
        assertThat(called.path("forms").get(0).path("draftId").asText()).isEqualTo(draftId);
        TellerConsole.View shown = console.awaitForm(draftId, PATIENCE);
        assertThat(shown.type()).isEqualTo("TRANSFER_REMITTANCE");

        TellerConsole.Decision decision = console.confirm(draftId, shown.confirmationId());

        assertThat(decision.outcome()).as(decision.message()).isEqualTo("EXECUTED");
        assertThat(customer.app().draft(draftId).voucherReference())
                .isEqualTo(decision.voucherReference().orElseThrow());
        assertThat(customer.balance()).isEqualTo(before.minus(Money.parse("250", "CNY")));
        JsonNode done = console.done(arrival.ticketId());
        assertThat(done.path("status").asText()).isEqualTo("DONE");
        assertThat(ticketStatus(label)).isEqualTo("DONE");
        JsonNode summary = console.queue().path("summary");
        assertThat(summary.path("waited").path("count").asInt()).isPositive();
        assertThat(summary.path("served").path("count").asInt()).isPositive();

        SimulatedApp.Arrival again = customer.app().arrive(LATITUDE, LONGITUDE, 15);
        assertThat(again.staged()).as("arriving again stages nothing twice").isEmpty();
        assertThat(again.ticketId()).isEqualTo(arrival.ticketId());
    }

    @Test
    void theAppsCodeShownAtTheTicketMachineStagesTheFormsAndPrintsATicket() throws InterruptedException {
        ArrivingCustomer customer = arrivingCustomer();
        String draftId = submitted(customer, "PASSWORD_RESET", Map.of());

        PrintTicket printed = branch.ticketMachine()
                .takeTicket(customer.app().formQrShownOnScreen(draftId), PATIENCE).orElseThrow();

        assertThat(printed.formsStaged()).isEqualTo(1);
        SimulatedApp.Draft staged = customer.app().draft(draftId);
        assertThat(staged.status()).isEqualTo("STAGED");
        assertThat(staged.branchId()).isEqualTo(Branch.BRANCH_ID);
        assertThat(ticketStatus(printed.label())).isEqualTo("WAITING");
        assertThat(customer.app().takeTicket(Branch.BRANCH_ID).ticketNumber())
                .as("one ticket per customer per branch per day")
                .isEqualTo(Integer.parseInt(printed.label()));
    }

    @Test
    void aPositionOutsideEveryBranchIsNotAnArrival() {
        ArrivingCustomer customer = arrivingCustomer();
        String draftId = submitted(customer, "PASSWORD_RESET", Map.of());

        assertThatThrownBy(() -> customer.app().arrive(31.30, 121.60, 10))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(422));
        assertThat(customer.app().draft(draftId).status()).isEqualTo("SUBMITTED");
    }

    /** Calls the next ticket until the wanted one is called, ending any other (left by other tests) on the way. */
    private JsonNode callUntil(String ticketId) {
        for (int i = 0; i < 50; i++) {
            JsonNode called = console.callNext();
            String id = called.path("ticket").path("ticketId").asText();
            if (id.equals(ticketId)) {
                return called;
            }
            console.done(id);
        }
        throw new AssertionError("ticket " + ticketId + " was never called");
    }

    private String ticketStatus(String label) {
        for (JsonNode ticket : console.queue().path("tickets")) {
            if (ticket.path("label").asText().equals(label)) {
                return ticket.path("status").asText();
            }
        }
        return "ABSENT";
    }

    private String submitted(ArrivingCustomer customer, String type, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(new FormSamples(Clock.systemDefaultZone(), 11L)
                .sample(type, customer.profile()));
        values.putAll(overrides);
        SimulatedApp.Draft draft = customer.app().createDraft(type, values);
        SimulatedApp.Draft submitted = customer.app().submit(draft.id(), null);
        assertThat(submitted.status()).isEqualTo("SUBMITTED");
        return draft.id();
    }

    /** A customer with an ID card on file and a current account of 100,000.00 CNY, on a phone bound long ago. */
    private ArrivingCustomer arrivingCustomer() {
        BankSetup setup = branch.channelApiContext().getBean(BankSetup.class);
        Random random = ThreadLocalRandom.current();
        CustomerProfile made = CustomerProfile.random(random);
        CustomerProfile profile = new CustomerProfile(made.name(), made.idNumber(), made.mobile(), made.address(),
                "6222" + digits(random, 12), "6222" + digits(random, 12), "6217" + digits(random, 15),
                "6222" + digits(random, 12));
        String username = "arrive" + Long.toString(random.nextLong(1L << 40), 36);
        String password = "arrive-" + UUID.randomUUID();
        UUID id = setup.customer(username, password, profile.name(), profile.mobile());
        UUID current = setup.account(id, profile.currentAccount(), "Current 活期", 100_000_00L);
        setup.profile(id, profile.idNumber(), profile.address(), "EMPLOYEE", LocalDate.now().plusYears(8));
        String deviceId = username + "-phone";
        setup.bindDevice(id, deviceId, "phone", Instant.now().minus(Duration.ofDays(60)));
        SimulatedApp app = branch.phone(deviceId);
        app.login(username, password);
        return new ArrivingCustomer(app, current, profile);
    }

    private record ArrivingCustomer(SimulatedApp app, UUID currentAccountId, CustomerProfile profile) {

        Money balance() {
            return app.account(currentAccountId).balance();
        }
    }

    private static String digits(Random random, int n) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < n; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
