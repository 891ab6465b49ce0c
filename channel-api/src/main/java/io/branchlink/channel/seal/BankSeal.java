package io.branchlink.channel.seal;

import java.time.Instant;
import java.util.Map;

/**
 * Seals the bank's documents and verifies sealed ones.
 *
 * @see io.branchlink.channel.seal.internal.SealIntegrationTests
 */
public interface BankSeal {

    /**
     * Writes the consent into the document ({@link io.branchlink.prefill.seal.SealConsent}: its information
     * dictionary and a visible line), then seals it with the active key, so the seal covers the consent.
     *
     * @param pdf the document as rendered
     * @param reason why it is sealed, shown by PDF readers ({@code Voucher V-…}, {@code Loan contract LC-…})
     * @param location where, shown likewise
     * @param consent the customer's consent: field → value (letters and digits → printable ASCII), in print order
     * @param at the signing time
     */
    Sealed seal(byte[] pdf, String reason, String location, Map<String, String> consent, Instant at);

    /**
     * Checks a PDF: whether the bank sealed it with one of its keys, whether it changed since, and the consent it
     * carries.
     *
     * @throws io.branchlink.channel.system.ApiException FORMAT_ERROR when the bytes are not a readable PDF
     */
    SealVerification verify(byte[] pdf);

    /**
     * A sealed document.
     *
     * @param pdf the sealed bytes
     * @param keyId the key that sealed it
     */
    record Sealed(byte[] pdf, String keyId) {
    }
}
