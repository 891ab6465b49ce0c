package io.branchlink.prefill.voucher;

/**
 * A rendered voucher: the one-page PDF and the SHA-256 of its canonical content (see {@link VoucherContent}),
 * which is what an archive stores beside the bytes.
 */
public record RenderedVoucher(String reference, String contentHash, byte[] pdf) {
}
