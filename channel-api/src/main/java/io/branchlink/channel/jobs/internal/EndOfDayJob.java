package io.branchlink.channel.jobs.internal;

import io.branchlink.channel.jobs.EndOfDayStep;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs every {@link EndOfDayStep} once per business date, date by date in order, on whichever node checks first.
 *
 * <p>A business date D is due once the bank's clock, in the bank's zone, has passed midnight ending D plus the
 * cut-off. A check takes a PostgreSQL advisory lock (session-level, on a connection of its own, so a node that dies
 * releases it with its connection): a second node checking at the same time waits, then finds the dates done. Under
 * the lock each step's record for a date ({@code business_day_steps}) says whether it already ran, so a step runs
 * once per date however many nodes check; a step is marked DONE after its own transactions committed, so a crash in
 * between runs it again for that date (steps are idempotent per date, {@link EndOfDayStep}).
 *
 * <p>After downtime, or when a test or the demo moves the clock a month forward, a check closes every due date in
 * order. A step that fails is logged once (its first failure for that date), counted
 * ({@code branchlink.jobs.end_of_day.step.failures}) and recorded; its date stays unfinished and the check stops
 * there, so the later steps of that date and every later date wait until the next check succeeds with it.
 *
 * @see io.branchlink.channel.jobs.internal.EndOfDayJobIntegrationTests
 */
public class EndOfDayJob {

    /** The advisory lock key of the end-of-day job ("EOD"). */
    static final long LOCK_KEY = 0x454f44L;
    private static final Logger log = LoggerFactory.getLogger(EndOfDayJob.class);
    private static final int ERROR_TEXT = 500;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final List<EndOfDayStep> steps;
    private final ZoneId zone;
    private final Duration cutOff;
    private final LocalDate firstBusinessDate;
    private final MeterRegistry meters;

    public EndOfDayJob(DataSource dataSource, Clock clock, List<EndOfDayStep> steps, ZoneId zone, Duration cutOff,
            LocalDate firstBusinessDate, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.steps = steps.stream()
                .sorted(Comparator.comparingInt(EndOfDayStep::order).thenComparing(EndOfDayStep::name))
                .toList();
        this.zone = zone;
        this.cutOff = cutOff;
        this.firstBusinessDate = firstBusinessDate;
        this.meters = meters;
        Set<String> names = new HashSet<>();
        for (EndOfDayStep step : this.steps) {
            if (!names.add(step.name()) || step.name().isBlank() || step.name().length() > 64) {
                throw new IllegalArgumentException("end-of-day step names are unique and 1 to 64 characters: "
                        + step.name());
            }
        }
    }

    /** The latest business date that is due now: yesterday once the cut-off after midnight has passed. */
    public LocalDate latestDueDate() {
        return LocalDateTime.ofInstant(clock.instant(), zone).minus(cutOff).toLocalDate().minusDays(1);
    }

    /**
     * Closes every due business date that is not closed yet, in order, and returns what it did. Waits while another
     * node (or thread) is checking.
     */
    public Outcome check() {
        try (Connection lock = dataSource.getConnection()) {
            advisory(lock, "select pg_advisory_lock(?)");
            try {
                return closeDueDates();
            } finally {
                advisory(lock, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("the end-of-day lock could not be taken", e);
        }
    }

    private static void advisory(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK_KEY);
            statement.executeQuery().close();
        }
    }

    private Outcome closeDueDates() {
        LocalDate latestDue = latestDueDate();
        Map<String, LocalDate> pendingFrom = register(latestDue);
        LocalDate from = pendingFrom.values().stream().min(Comparator.naturalOrder()).orElse(latestDue.plusDays(1));
        Set<String> done = new HashSet<>(jdbc.sql("""
                        select business_date || '/' || step from business_day_steps
                         where status = 'DONE' and business_date >= ?
                        """)
                .param(from)
                .query(String.class)
                .list());
        List<LocalDate> closed = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(latestDue); date = date.plusDays(1)) {
            List<EndOfDayStep> pending = new ArrayList<>();
            for (EndOfDayStep step : steps) {
                if (!pendingFrom.get(step.name()).isAfter(date) && !done.contains(date + "/" + step.name())) {
                    pending.add(step);
                }
            }
            if (pending.isEmpty()) {
                continue;
            }
            jdbc.sql("insert into business_days (business_date) values (?) on conflict do nothing")
                    .param(date)
                    .update();
            for (EndOfDayStep step : pending) {
                if (!run(step, date)) {
                    return new Outcome(closed, date, step.name());
                }
            }
            jdbc.sql("update business_days set finished_at = now() where business_date = ? and finished_at is null")
                    .param(date)
                    .update();
            closed.add(date);
        }
        if (!closed.isEmpty()) {
            log.info("end of day closed dates={} from={} to={}", closed.size(), closed.get(0),
                    closed.get(closed.size() - 1));
        }
        return new Outcome(closed, null, null);
    }

    /**
     * Records each step the first time the job sees it, with the first date it is responsible for: the earliest date
     * not yet finished, else the day after the last closed one, else the configured first date or the latest due
     * date. Returns for every step the first date it may still have to run for: the day after the last date up to
     * which it is done without gaps, else its first date; so a check does not read the whole history again.
     */
    private Map<String, LocalDate> register(LocalDate latestDue) {
        LocalDate initial = firstBusinessDate != null ? firstBusinessDate : latestDue;
        for (EndOfDayStep step : steps) {
            jdbc.sql("""
                    insert into end_of_day_steps (step, first_date)
                    values (:step, coalesce((select min(business_date) from business_days where finished_at is null),
                                            (select max(business_date) + 1 from business_days),
                                            :initial))
                    on conflict do nothing
                    """)
                    .param("step", step.name())
                    .param("initial", initial)
                    .update();
        }
        Map<String, LocalDate> pendingFrom = new HashMap<>();
        jdbc.sql("select step, coalesce(done_through + 1, first_date) from end_of_day_steps")
                .query((rs, n) -> pendingFrom.put(rs.getString(1), rs.getObject(2, LocalDate.class)))
                .list();
        pendingFrom.keySet().retainAll(steps.stream().map(EndOfDayStep::name).toList());
        return pendingFrom;
    }

    private boolean run(EndOfDayStep step, LocalDate date) {
        try {
            step.run(date);
        } catch (RuntimeException e) {
            int attempts = jdbc.sql("""
                    insert into business_day_steps (business_date, step, status, last_error)
                    values (?, ?, 'FAILED', ?)
                    on conflict (business_date, step) do update
                       set status = 'FAILED', attempts = business_day_steps.attempts + 1,
                           last_error = excluded.last_error, updated_at = now()
                    returning attempts
                    """)
                    .params(date, step.name(), describe(e))
                    .query(Integer.class)
                    .single();
            meters.counter("branchlink.jobs.end_of_day.step.failures", "step", step.name()).increment();
            if (attempts == 1) {
                log.error("end-of-day step failed step={} date={}; the date stays open and is tried again at the"
                        + " next check", step.name(), date, e);
            } else {
                log.debug("end-of-day step failed again step={} date={} attempts={}", step.name(), date, attempts);
            }
            return false;
        }
        jdbc.sql("""
                insert into business_day_steps (business_date, step, status)
                values (?, ?, 'DONE')
                on conflict (business_date, step) do update
                   set status = 'DONE', attempts = business_day_steps.attempts + 1, updated_at = now()
                """)
                .params(date, step.name())
                .update();
        // dates run in order and a check stops at its first failure: the step is done for every date before this one
        jdbc.sql("""
                update end_of_day_steps set done_through = :date
                 where step = :step and (done_through is null or done_through < :date)
                """)
                .param("date", date)
                .param("step", step.name())
                .update();
        meters.counter("branchlink.jobs.end_of_day.steps", "step", step.name()).increment();
        return true;
    }

    private static String describe(RuntimeException e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > ERROR_TEXT ? text.substring(0, ERROR_TEXT) : text;
    }

    /**
     * What one check did.
     *
     * @param closed the dates it finished, in order
     * @param failedDate the date it stopped at because a step failed, or null
     * @param failedStep that step's name, or null
     */
    public record Outcome(List<LocalDate> closed, LocalDate failedDate, String failedStep) {
    }
}
