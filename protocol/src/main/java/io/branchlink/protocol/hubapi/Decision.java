package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.branchlink.protocol.rc.Irc;

/**
 * channel-api's decision on a terminal transaction, answered with status 200 whether approved or declined.
 *
 * @param irc the internal result code's name; {@code APPROVED} or the reason for the decline
 * @param authCode the six-digit authorization code of an approval
 * @param replayed true when this key was decided before and this is the stored answer
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Decision(String irc, String authCode, String detail, boolean replayed) {

    public static Decision approved(String authCode) {
        return new Decision(Irc.APPROVED.name(), authCode, null, false);
    }

    public static Decision declined(Irc irc, String detail) {
        return new Decision(irc.name(), null, detail, false);
    }

    /** The result code; a name this side does not know is a decline ({@link Irc#DO_NOT_HONOUR}). */
    public Irc result() {
        try {
            return Irc.valueOf(irc);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Irc.DO_NOT_HONOUR;
        }
    }
}
