package io.branchlink.channel.jobs.internal;

import io.branchlink.channel.system.ApiException;
import io.branchlink.channel.system.MovableClock;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the end-of-day job: the latest business dates and each step's state; in the demo (and only
 * there, where the clock is a {@link MovableClock}) a way to move the clock forward and close the dates at once.
 */
@RestController
@Tag(name = "Operations: end of day")
class EndOfDayController {

    private final JdbcClient jdbc;
    private final EndOfDayJob job;
    private final Clock clock;

    EndOfDayController(JdbcClient jdbc, EndOfDayJob job, Clock clock) {
        this.jdbc = jdbc;
        this.job = job;
        this.clock = clock;
    }

    @GetMapping("/api/ops/v1/end-of-day")
    @Operation(summary = "The end-of-day job's latest business dates and their steps",
            description = "Each date: when it started and finished (null while a step failed or is pending), and per"
                    + " step DONE or FAILED with the attempts and the last error. latestDueDate is the newest date"
                    + " that is due by the bank's clock.")
    EndOfDayView status(@RequestParam(defaultValue = "31") @Min(1) @Max(366) int days) {
        Map<LocalDate, DayView> byDate = new LinkedHashMap<>();
        jdbc.sql("""
                select business_date, started_at, finished_at from business_days
                 order by business_date desc limit ?
                """)
                .param(days)
                .query((rs, n) -> byDate.put(rs.getObject(1, LocalDate.class), new DayView(
                        rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), new ArrayList<>())))
                .list();
        if (!byDate.isEmpty()) {
            jdbc.sql("""
                    select business_date, step, status, attempts, last_error, updated_at from business_day_steps
                     where business_date in (:dates) order by business_date, step
                    """)
                    .param("dates", List.copyOf(byDate.keySet()))
                    .query((rs, n) -> byDate.get(rs.getObject(1, LocalDate.class)).steps().add(new StepView(
                            rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                            rs.getTimestamp(6).toInstant())))
                    .list();
        }
        return new EndOfDayView(clock.instant(), job.latestDueDate(), List.copyOf(byDate.values()));
    }

    @PostMapping("/api/ops/v1/clock/advance")
    @Operation(summary = "Demo only: move the bank's clock forward and close the due dates",
            description = "Answers 409 CONFLICT outside the demo, where the clock is the system clock. After moving"
                    + " the clock the end-of-day job runs at once (the same check as the scheduled one) and the answer"
                    + " lists the dates it closed, or the step that failed.")
    AdvanceView advance(@RequestParam @Min(1) @Max(400) int days) {
        if (!(clock instanceof MovableClock movable)) {
            throw new ApiException(Irc.CONFLICT, "The clock can be moved only in the demo.");
        }
        movable.advance(Duration.ofDays(days));
        EndOfDayJob.Outcome outcome = job.check();
        return new AdvanceView(clock.instant(), outcome.closed().size(), outcome.failedDate(), outcome.failedStep());
    }

    record EndOfDayView(Instant now, LocalDate latestDueDate, List<DayView> days) {
    }

    record DayView(LocalDate businessDate, Instant startedAt, Instant finishedAt, List<StepView> steps) {
    }

    record StepView(String step, String status, int attempts, String lastError, Instant updatedAt) {
    }

    record AdvanceView(Instant now, int datesClosed, LocalDate failedDate, String failedStep) {
    }
}
