package io.branchlink.hub.iso8583;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The log of what the ISO 8583 server refuses and of its own failures, bounded so that no client can fill the disk:
 * an expected refusal (bad framing, bad MAC, format error, unknown terminal, a refused or timed-out connection) is one
 * line without a stack trace and a count in {@code branchlink_hub_iso_refused_total{reason}}, at most
 * {@value #LINES_PER_SECOND} lines per second per reason, the rest counted and reported on the next line; a real
 * failure (a bug) logs its stack trace at most once per {@link #TRACE_INTERVAL} per exception class, the others one
 * line each, all counted in {@code branchlink_hub_iso_failures_total{kind}}.
 *
 * @see io.branchlink.hub.iso8583.IsoRefusalLogIntegrationTests
 */
@Component
class IsoRefusals {

    static final int LINES_PER_SECOND = 20;
    static final Duration TRACE_INTERVAL = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(IsoRefusals.class);

    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentHashMap<String, Window> lines = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Window> traces = new ConcurrentHashMap<>();

    IsoRefusals(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    /** A message or connection refused for an expected reason: one line, counted. */
    void refused(String reason, String what, Object... details) {
        meters.counter("branchlink.hub.iso.refused", "reason", reason).increment();
        long suppressed = admit(lines, reason, Duration.ofSeconds(1), LINES_PER_SECOND);
        if (suppressed >= 0) {
            log.warn("iso {} refused reason={}{}{}", what, reason, format(details),
                    suppressed > 0 ? " suppressed=" + suppressed : "");
        }
    }

    /** A failure that should not happen: the stack trace at most once per interval and class, else one line. */
    void failure(Throwable failure, String message, Object... details) {
        String kind = failure == null ? "none" : failure.getClass().getName();
        meters.counter("branchlink.hub.iso.failures", "kind", kind).increment();
        long suppressed = admit(traces, kind, TRACE_INTERVAL, 1);
        String line = message + format(details);
        if (suppressed >= 0) {
            log.error("{}{}", line, suppressed > 0 ? " (" + suppressed + " more since the last stack trace)" : "",
                    failure);
        } else {
            log.error("{} error={} (stack trace logged at most once per {}s)", line,
                    failure == null ? "-" : failure.getClass().getName() + ": " + failure.getMessage(),
                    TRACE_INTERVAL.toSeconds());
        }
    }

    private static String format(Object[] details) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + 1 < details.length; i += 2) {
            text.append(' ').append(details[i]).append('=').append(details[i + 1]);
        }
        return text.toString();
    }

    /** @return -1 when over budget in this window, else how many were suppressed since the last admitted one */
    private long admit(ConcurrentHashMap<String, Window> windows, String key, Duration length, int budget) {
        long now = clock.millis();
        long[] result = new long[1];
        windows.compute(key, (k, window) -> {
            Window w = window == null || now - window.start >= length.toMillis()
                    ? new Window(now, 0, window == null ? 0 : window.suppressed) : window;
            if (w.used < budget) {
                result[0] = w.suppressed;
                return new Window(w.start, w.used + 1, 0);
            }
            result[0] = -1;
            return new Window(w.start, w.used, w.suppressed + 1);
        });
        return result[0];
    }

    private record Window(long start, int used, long suppressed) {
    }
}
