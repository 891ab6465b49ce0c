package io.branchlink.channel.form.internal;

import static java.util.stream.Collectors.joining;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a counter form is ({@code form_drafts.status}) and, in {@code NEXT}, the one table of the status changes
 * allowed from there; the updates of {@code form_drafts} take their {@code where status in (...)} from it
 * ({@link #sqlSources()}).
 *
 * @see io.branchlink.channel.form.internal.FormStatusTests
 */
public enum FormStatus {

    /** Being filled in the app; the values are stored as typed. */
    DRAFT,
    /** Validated, with a FORM token; not yet at a branch. */
    SUBMITTED,
    /** In a branch's staging feed, waiting for the customer at its counter. */
    STAGED,
    /** Confirmed by a teller and carried out. */
    EXECUTED,
    /** Rejected by a teller, with a reason. */
    REJECTED,
    /** Confirmed by a teller, but the business could not be done; nothing of it was kept. */
    FAILED,
    /** Cancelled by the customer. */
    CANCELLED,
    /** Its token expired before a teller decided it. */
    EXPIRED;

    /**
     * The allowed changes. {@code STAGED → STAGED} is a move to another branch. A confirmation claims its form as
     * {@code EXECUTED} before the business runs; when the business fails, the same transaction records the
     * teller's decision as {@code FAILED} (and a rejection as {@code REJECTED}), so the status committed is one of
     * {@code STAGED}'s next ones.
     */
    private static final Map<FormStatus, Set<FormStatus>> NEXT = new EnumMap<>(Map.of(
            DRAFT, EnumSet.of(SUBMITTED, CANCELLED),
            SUBMITTED, EnumSet.of(STAGED, CANCELLED, EXPIRED),
            STAGED, EnumSet.of(STAGED, EXECUTED, REJECTED, FAILED, CANCELLED, EXPIRED),
            EXECUTED, EnumSet.noneOf(FormStatus.class),
            REJECTED, EnumSet.noneOf(FormStatus.class),
            FAILED, EnumSet.noneOf(FormStatus.class),
            CANCELLED, EnumSet.noneOf(FormStatus.class),
            EXPIRED, EnumSet.noneOf(FormStatus.class)));

    /** Whether a form in this status may change to {@code next}. */
    public boolean mayBecome(FormStatus next) {
        return NEXT.get(this).contains(next);
    }

    /** The statuses a form may change to this one from. */
    public Set<FormStatus> sources() {
        EnumSet<FormStatus> sources = EnumSet.noneOf(FormStatus.class);
        NEXT.forEach((from, next) -> {
            if (next.contains(this)) {
                sources.add(from);
            }
        });
        return sources;
    }

    /** {@link #sources()} as an SQL list, for {@code status in (...)}: {@code 'SUBMITTED', 'STAGED'}. */
    public String sqlSources() {
        return sources().stream().map(status -> "'" + status.name() + "'").collect(joining(", "));
    }

    /** Whether a teller decided the form: it was executed, rejected or failed. */
    public boolean decided() {
        return this == EXECUTED || this == REJECTED || this == FAILED;
    }

    /** Whether the form has a live token: submitted or staged. */
    public boolean open() {
        return this == SUBMITTED || this == STAGED;
    }

    /** Whether nothing can happen to the form any more. */
    public boolean terminal() {
        return NEXT.get(this).isEmpty();
    }

    /** The status as messages show it: {@code staged}. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static {
        if (!NEXT.keySet().equals(EnumSet.allOf(FormStatus.class))) {
            throw new IllegalStateException("every form status needs a row in the transition table");
        }
    }
}
