package io.branchlink.channel.system;

import io.branchlink.protocol.rc.Irc;
import org.springframework.web.ErrorResponseException;

/**
 * A request that cannot be served, answered as an RFC 9457 problem with the internal result code in property
 * {@code irc}. The detail is written for the caller; exception text from below never reaches it.
 */
public class ApiException extends ErrorResponseException {

    private final Irc irc;

    public ApiException(Irc irc, String detail) {
        super(Problems.status(irc), Problems.problem(irc, detail), null);
        this.irc = irc;
    }

    public Irc irc() {
        return irc;
    }

    public static ApiException notFound(String what) {
        return new ApiException(Irc.NOT_FOUND, what + " not found");
    }
}
