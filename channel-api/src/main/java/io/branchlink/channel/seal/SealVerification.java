package io.branchlink.channel.seal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a sealed document's check found.
 *
 * @param valid true only for {@link Verdict#SEALED}: the bank's seal, intact, over the whole file, made while its
 *     key was active
 * @param verdict why it is or is not valid
 * @param keyId the bank's key that sealed it, or null when the signer is not one of the bank's keys
 * @param keyRetired the key has been retired since (its seals made while it was active stay valid)
 * @param signer the signing certificate's subject, or null
 * @param serial the signing certificate's serial number (hex), or null
 * @param signedAt the signing time the seal states, or null
 * @param changedAfterSealing the signed bytes do not verify, or bytes were added after the seal
 * @param consent the customer's consent the document carries, only when valid (what a changed or foreign document
 *     says is not the bank's word); empty otherwise
 */
public record SealVerification(boolean valid, Verdict verdict, String keyId, boolean keyRetired, String signer,
        String serial, Instant signedAt, boolean changedAfterSealing, Map<String, String> consent) {

    public SealVerification {
        consent = Collections.unmodifiableMap(new LinkedHashMap<>(consent));
    }

    public enum Verdict {
        /** The bank's seal, intact over the whole document. */
        SEALED,
        /** The document carries no signature at all. */
        NOT_SEALED,
        /** A signature is there, but the document changed after it was made (or it cannot be read). */
        CHANGED,
        /** An intact signature, but not made with any of the bank's seal keys. */
        UNKNOWN_KEY,
        /** Made with a bank key after that key's retirement: refused, the key no longer seals. */
        SEALED_AFTER_RETIREMENT
    }
}
