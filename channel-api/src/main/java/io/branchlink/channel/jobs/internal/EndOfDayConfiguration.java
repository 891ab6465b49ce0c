package io.branchlink.channel.jobs.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.branchlink.channel.jobs.EndOfDayStep;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The end-of-day job and the db-scheduler that runs its check: one recurring task, {@value #CHECK_TASK}, in the
 * {@code scheduled_tasks} table, picked by one node at a time. The scheduler starts once the context is up (Flyway has
 * created its table by then) and stops before the database closes.
 */
@Configuration(proxyBeanMethods = false)
class EndOfDayConfiguration {

    static final String CHECK_TASK = "end-of-day-check";
    private static final Logger log = LoggerFactory.getLogger(EndOfDayConfiguration.class);

    @Bean
    EndOfDayJob endOfDayJob(DataSource dataSource, Clock clock, List<EndOfDayStep> steps, JobsProperties properties,
            MeterRegistry meters) {
        return new EndOfDayJob(dataSource, clock, steps, properties.zone(), properties.cutOff(),
                properties.firstBusinessDate(), meters);
    }

    @Bean
    EndOfDayScheduler endOfDayScheduler(DataSource dataSource, EndOfDayJob job, JobsProperties properties) {
        return new EndOfDayScheduler(dataSource, job, properties);
    }

    /** The recurring task that asks the job to close due dates; a failed check is tried again at the next interval. */
    static RecurringTask<Void> checkTask(String name, EndOfDayJob job, Duration interval) {
        return Tasks.recurring(name, FixedDelay.of(interval))
                .execute((instance, context) -> job.check());
    }

    /** db-scheduler with the check task, as a Spring lifecycle bean. */
    static final class EndOfDayScheduler implements SmartLifecycle {

        private final Scheduler scheduler;
        private final boolean enabled;
        private volatile boolean running;

        EndOfDayScheduler(DataSource dataSource, EndOfDayJob job, JobsProperties properties) {
            this.enabled = properties.enabled();
            this.scheduler = build(dataSource, CHECK_TASK, job, properties.checkInterval(),
                    properties.pollingInterval(), null);
        }

        /**
         * A scheduler on {@code dataSource} whose one recurring task {@code taskName} runs the job's check; the node is
         * named {@code name} (null: the host name).
         */
        static Scheduler build(DataSource dataSource, String taskName, EndOfDayJob job, Duration checkInterval,
                Duration pollingInterval, String name) {
            RecurringTask<Void> task = checkTask(taskName, job, checkInterval);
            var builder = Scheduler.create(dataSource)
                    .startTasks(task)
                    .pollingInterval(pollingInterval)
                    .threads(1)
                    .shutdownMaxWait(Duration.ofSeconds(5));
            if (name != null) {
                builder.schedulerName(new SchedulerName.Fixed(name));
            }
            return builder.build();
        }

        Scheduler scheduler() {
            return scheduler;
        }

        @Override
        public void start() {
            if (!enabled) {
                log.info("end-of-day scheduler disabled on this node (branchlink.channel.jobs.enabled=false)");
                return;
            }
            scheduler.start();
            running = true;
        }

        @Override
        public void stop() {
            if (running) {
                scheduler.stop();
                running = false;
            }
        }

        @Override
        public boolean isRunning() {
            return running;
        }
    }
}
