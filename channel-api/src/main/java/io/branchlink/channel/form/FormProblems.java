package io.branchlink.channel.form;

import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.hubapi.HubProblemCode;
import io.branchlink.protocol.rc.Irc;

/** The problems of counter business, each with the stable {@code code} of docs/counter-business.md beside its irc. */
final class FormProblems {

    private FormProblems() {
    }

    /** A problem a hub reads: its code is one of the contract's {@link HubProblemCode}s. */
    static ApiException of(Irc irc, HubProblemCode code, String detail) {
        return of(irc, code.name(), detail);
    }

    /** A problem only the app reads, such as {@code FORM_NOT_FOUND} or {@code FORM_INVALID}. */
    static ApiException of(Irc irc, String code, String detail) {
        ApiException problem = new ApiException(irc, detail);
        problem.getBody().setProperty("code", code);
        return problem;
    }

    static ApiException draftNotFound() {
        return of(Irc.NOT_FOUND, "FORM_NOT_FOUND", "Form not found");
    }

    static ApiException unknown() {
        return of(Irc.NOT_FOUND, HubProblemCode.FORM_UNKNOWN, "No form has this token.");
    }

    static ApiException expired() {
        return of(Irc.TOKEN_EXPIRED, HubProblemCode.FORM_EXPIRED,
                "This form's code has expired; the customer submits it again.");
    }

    static ApiException otherBranch() {
        return of(Irc.ACCESS_DENIED, HubProblemCode.FORM_OTHER_BRANCH, "This form is not staged at this branch.");
    }

    static ApiException state(String detail) {
        return of(Irc.CONFLICT, HubProblemCode.FORM_STATE, detail);
    }
}
