package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 9457 problem detail as channel-api answers hub calls it could not decide: the standard members, the
 * {@code irc} and, for counter business, a {@link HubProblemCode} name and what the refusal names.
 *
 * @param code a {@link HubProblemCode} name, or {@code null}
 * @param formStatus the form's {@link FormStatus} name, on refusals to stage (its {@code status} is the HTTP status)
 * @param existing how the form was decided, on {@code FORM_ALREADY_DECIDED} refusals of an execution
 * @param fields the invalid request fields and why, on {@code FORMAT_ERROR}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HubProblem(URI type, String title, int status, String detail, String irc, String code,
        String formStatus, String branchId, Instant decidedAt, DecidedExecution existing,
        Map<String, String> fields) {

    /** The base of every problem {@code type}: the irc's name in lower case, words joined by hyphens. */
    public static final String TYPE_BASE = "https://branchlink.io/errors/";

    /** A problem with the standard members and an irc, as channel-api builds them. */
    public static HubProblem of(int status, String irc, String detail) {
        String words = irc.toLowerCase(Locale.ROOT).replace('_', ' ');
        return new HubProblem(URI.create(TYPE_BASE + words.replace(' ', '-')),
                Character.toUpperCase(words.charAt(0)) + words.substring(1), status, detail, irc, null, null, null,
                null, null, null);
    }

    /** A counter-business problem: the standard members, the irc and the code. */
    public static HubProblem of(int status, String irc, HubProblemCode code, String detail) {
        return of(status, irc, detail).withCode(code);
    }

    public HubProblem withCode(HubProblemCode code) {
        return new HubProblem(type, title, status, detail, irc, code.name(), formStatus, branchId, decidedAt,
                existing, fields);
    }

    /** The same problem naming the form it refused: its status, branch and decision time. */
    public HubProblem withForm(String formStatus, String branchId, Instant decidedAt) {
        return new HubProblem(type, title, status, detail, irc, code, formStatus, branchId, decidedAt, existing,
                fields);
    }

    public HubProblem withExisting(DecidedExecution existing) {
        return new HubProblem(type, title, status, detail, irc, code, formStatus, branchId, decidedAt, existing,
                fields);
    }

    /** Whether this problem carries {@code code}. */
    public boolean is(HubProblemCode other) {
        return other.name().equals(code);
    }
}
