package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The voucher of an executed form.
 *
 * @param pdf the PDF (Base64 in JSON); may be absent, then it is fetched from {@link HubApiPaths#VOUCHER}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VoucherCopy(String reference, String contentHash, byte[] pdf) {

    @Override
    public String toString() {
        return "VoucherCopy[" + reference + "]";
    }
}
