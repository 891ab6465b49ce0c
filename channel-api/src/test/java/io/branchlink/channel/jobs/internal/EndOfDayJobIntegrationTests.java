package io.branchlink.channel.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The end-of-day job on the shared database, with its own steps: each test builds job instances from the application's
 * DataSource (as a second channel-api node would) with steps that record what they ran, and moves the test clock
 * past the dates any earlier test closed.
 */
class EndOfDayJobIntegrationTests extends ChannelIntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JobsProperties properties;

    @Autowired
    MeterRegistry meters;

    @Autowired
    EndOfDayJob applicationJob;

    /** The latest date any job closed or opened so far, or the application's latest due date. */
    LocalDate base;

    @BeforeEach
    void pastEarlierDates() {
        LocalDate latest = jdbc.sql("select max(business_date) from business_days").query(LocalDate.class)
                .optional().orElse(null);
        base = latest == null || latest.isBefore(applicationJob.latestDueDate()) ? applicationJob.latestDueDate()
                : latest;
        makeDue(base);
    }

    /** Moves the test clock so that {@code date} is the latest due business date. */
    void makeDue(LocalDate date) {
        ZonedDateTime due = date.plusDays(1).atStartOfDay(properties.zone()).plus(properties.cutOff())
                .plusMinutes(1);
        Duration ahead = Duration.between(clock.instant(), due.toInstant());
        if (!ahead.isNegative()) {
            clock.advance(ahead);
        }
        assertThat(applicationJob.latestDueDate()).isEqualTo(date);
    }

    EndOfDayJob job(EndOfDayStep... steps) {
        return new EndOfDayJob(dataSource, clock, List.of(steps), properties.zone(), properties.cutOff(), null,
                meters);
    }

    static List<LocalDate> dates(LocalDate fromInclusive, LocalDate toInclusive) {
        return fromInclusive.datesUntil(toInclusive.plusDays(1)).toList();
    }

    /** A step that records every date it ran for; it fails for the dates in {@code failing}. */
    static final class RecordingStep implements EndOfDayStep {

        final String name;
        final int order;
        final List<LocalDate> ran = Collections.synchronizedList(new ArrayList<>());
        final List<LocalDate> failing = Collections.synchronizedList(new ArrayList<>());

        final String label;
        final List<String> sequence;

        RecordingStep(String name, int order) {
            this(name, order, null, new ArrayList<>());
        }

        /** A step that also adds "{@code label} date" to {@code sequence} when it runs. */
        RecordingStep(String name, int order, String label, List<String> sequence) {
            this.name = name;
            this.order = order;
            this.label = label;
            this.sequence = sequence;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int order() {
            return order;
        }

        @Override
        public void run(LocalDate businessDate) {
            if (failing.contains(businessDate)) {
                throw new IllegalStateException("test failure for " + businessDate);
            }
            ran.add(businessDate);
            sequence.add(label + " " + businessDate);
        }
    }

    static String stepName(String what) {
        return "test." + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void catchesUpDateByDateAfterTheClockMovedAMonth() {
        RecordingStep step = new RecordingStep(stepName("catch-up"), 0);
        EndOfDayJob job = job(step);
        job.check();
        step.ran.clear();

        makeDue(base.plusDays(30));
        EndOfDayJob.Outcome outcome = job.check();

        assertThat(step.ran).containsExactlyElementsOf(dates(base.plusDays(1), base.plusDays(30)));
        assertThat(outcome.closed()).containsExactlyElementsOf(dates(base.plusDays(1), base.plusDays(30)));
        assertThat(outcome.failedDate()).isNull();
        assertThat(job.check().closed()).as("a second check finds nothing due").isEmpty();
        assertThat(step.ran).hasSize(30);
        assertThat(jdbc.sql("""
                select count(*) from business_day_steps where step = ? and status = 'DONE'
                """).param(step.name()).query(Integer.class).single()).isEqualTo(30);
    }

    @Test
    void runsStepsInTheirOrderWithinADate() {
        List<String> sequence = Collections.synchronizedList(new ArrayList<>());
        RecordingStep statements = new RecordingStep(stepName("statements"), 20, "statements", sequence);
        RecordingStep interest = new RecordingStep(stepName("interest"), 10, "interest", sequence);
        EndOfDayJob job = job(statements, interest);
        job.check();
        sequence.clear();
        makeDue(base.plusDays(2));

        job.check();

        assertThat(sequence).containsExactly("interest " + base.plusDays(1), "statements " + base.plusDays(1),
                "interest " + base.plusDays(2), "statements " + base.plusDays(2));
    }

    @Test
    void twoNodesRunEachStepOncePerDate() throws Exception {
        String name = stepName("two-nodes");
        RecordingStep onNodeA = new RecordingStep(name, 0);
        RecordingStep onNodeB = new RecordingStep(name, 0);
        EndOfDayJob nodeA = job(onNodeA);
        EndOfDayJob nodeB = job(onNodeB);
        nodeA.check();
        onNodeA.ran.clear();
        makeDue(base.plusDays(30));

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<EndOfDayJob.Outcome> a = CompletableFuture.supplyAsync(() -> awaitThen(start, nodeA));
        CompletableFuture<EndOfDayJob.Outcome> b = CompletableFuture.supplyAsync(() -> awaitThen(start, nodeB));
        start.countDown();
        a.get(60, TimeUnit.SECONDS);
        b.get(60, TimeUnit.SECONDS);

        List<LocalDate> all = new ArrayList<>(onNodeA.ran);
        all.addAll(onNodeB.ran);
        Map<LocalDate, Long> runsPerDate = all.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(runsPerDate.keySet()).containsExactlyInAnyOrderElementsOf(dates(base.plusDays(1),
                base.plusDays(30)));
        assertThat(runsPerDate.values()).allMatch(runs -> runs == 1);
        assertThat(a.get().closed().size() + b.get().closed().size()).isEqualTo(30);
        assertThat(jdbc.sql("select count(*) from business_day_steps where step = ?").param(name)
                .query(Integer.class).single()).isEqualTo(30);
    }

    private static EndOfDayJob.Outcome awaitThen(CountDownLatch start, EndOfDayJob job) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return job.check();
    }

    @Test
    void aFailingStepKeepsItsDateOpenAndLaterDatesWaitUntilItSucceeds() {
        RecordingStep first = new RecordingStep(stepName("first"), 0);
        RecordingStep flaky = new RecordingStep(stepName("flaky"), 1);
        RecordingStep last = new RecordingStep(stepName("last"), 2);
        EndOfDayJob job = job(first, flaky, last);
        job.check();
        first.ran.clear();
        flaky.ran.clear();
        last.ran.clear();
        LocalDate bad = base.plusDays(2);
        flaky.failing.add(bad);
        makeDue(base.plusDays(3));
        double failuresBefore = failures(flaky.name());

        EndOfDayJob.Outcome failed = job.check();
        EndOfDayJob.Outcome failedAgain = job.check();

        assertThat(failed.closed()).containsExactly(base.plusDays(1));
        assertThat(failed.failedDate()).isEqualTo(bad);
        assertThat(failed.failedStep()).isEqualTo(flaky.name());
        assertThat(failedAgain.closed()).isEmpty();
        assertThat(first.ran).as("a step done for the date is not run again").containsExactly(base.plusDays(1), bad);
        assertThat(last.ran).as("later steps and dates wait").containsExactly(base.plusDays(1));
        assertThat(failures(flaky.name()) - failuresBefore).isEqualTo(2);
        assertThat(jdbc.sql("""
                select status || ' ' || attempts || ' ' || last_error from business_day_steps
                 where business_date = ? and step = ?
                """).params(bad, flaky.name()).query(String.class).single())
                .isEqualTo("FAILED 2 IllegalStateException: test failure for " + bad);
        assertThat(jdbc.sql("select finished_at is null from business_days where business_date = ?").param(bad)
                .query(Boolean.class).single()).isTrue();

        flaky.failing.clear();
        EndOfDayJob.Outcome recovered = job.check();

        assertThat(recovered.closed()).containsExactly(bad, base.plusDays(3));
        assertThat(first.ran).containsExactly(base.plusDays(1), bad, base.plusDays(3));
        assertThat(flaky.ran).containsExactly(base.plusDays(1), bad, base.plusDays(3));
        assertThat(last.ran).containsExactly(base.plusDays(1), bad, base.plusDays(3));
        assertThat(jdbc.sql("select status from business_day_steps where business_date = ? and step = ?")
                .params(bad, flaky.name()).query(String.class).single()).isEqualTo("DONE");
    }

    private double failures(String step) {
        var counter = meters.find("branchlink.jobs.end_of_day.step.failures").tag("step", step).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void dbSchedulerRunsTheCheckOnItsOwn() {
        RecordingStep step = new RecordingStep(stepName("scheduled"), 0);
        EndOfDayJob job = job(step);
        job.check();
        makeDue(base.plusDays(5));
        String task = "test-end-of-day-check-" + UUID.randomUUID();
        Scheduler scheduler = EndOfDayConfiguration.EndOfDayScheduler.build(dataSource, task, job,
                Duration.ofHours(1), Duration.ofMillis(100), "test-node");
        try {
            scheduler.start();
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(step.ran).containsSubsequence(dates(base.plusDays(1),
                            base.plusDays(5))));
            assertThat(step.ran).doesNotHaveDuplicates();
        } finally {
            scheduler.stop();
            jdbc.sql("delete from scheduled_tasks where task_name = ?").param(task).update();
        }
    }

    @Nested
    class OperatorsView {

        @Test
        void showsTheDatesAndTheirSteps() {
            RecordingStep step = new RecordingStep(stepName("shown"), 0);
            EndOfDayJob job = job(step);
            job.check();
            makeDue(base.plusDays(1));
            job.check();

            Api.Response response = api.get("/api/ops/v1/end-of-day?days=5",
                    Api.basic(OPERATOR, OPERATOR_PASSWORD));

            assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
            assertThat(response.body().path("latestDueDate").asText()).isEqualTo(base.plusDays(1).toString());
            assertThat(response.body().path("days").get(0).path("businessDate").asText())
                    .isEqualTo(base.plusDays(1).toString());
            assertThat(response.body().path("days").get(0).path("steps").findValuesAsText("step"))
                    .contains(step.name());
        }

        @Test
        void refusesCustomersAndTheAnonymous() {
            assertThat(api.get("/api/ops/v1/end-of-day", null).status()).isEqualTo(401);
        }

        @Test
        void cannotMoveTheClockOutsideTheDemo() {
            Api.Response response = api.post("/api/ops/v1/clock/advance?days=30",
                    Api.basic(OPERATOR, OPERATOR_PASSWORD), Map.of());

            assertThat(response.status()).isEqualTo(409);
            assertThat(response.irc()).isEqualTo("CONFLICT");
        }
    }
}
