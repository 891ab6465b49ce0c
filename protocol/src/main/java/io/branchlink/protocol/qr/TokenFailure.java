package io.branchlink.protocol.qr;

import io.branchlink.protocol.rc.Irc;

/** Why a QR token was refused, in the order {@link QrTokenVerifier} checks. */
public enum TokenFailure {
    /** Not a BranchLink token: wrong prefix, characters outside Base45, bad length or layout. */
    MALFORMED(Irc.TOKEN_INVALID),
    /** A format version this code does not read. */
    UNSUPPORTED_VERSION(Irc.TOKEN_INVALID),
    /** Signed with a key id that is not (or no longer) trusted. */
    UNKNOWN_KEY(Irc.TOKEN_INVALID),
    /** The signature does not match the content: forged or altered. */
    BAD_SIGNATURE(Irc.TOKEN_INVALID),
    /** Past its expiry, beyond the allowed clock skew. */
    EXPIRED(Irc.TOKEN_EXPIRED),
    /** A valid token of another type (a FORM token shown to a cash withdrawal, say). */
    WRONG_TYPE(Irc.INVALID_TRANSACTION),
    /** A valid token scoped to another branch. */
    WRONG_BRANCH(Irc.INVALID_TRANSACTION);

    private final Irc irc;

    TokenFailure(Irc irc) {
        this.irc = irc;
    }

    public Irc irc() {
        return irc;
    }
}
