/**
 * PDF vouchers for confirmed counter business, rendered with PDFBox and an embedded CJK font
 * ({@link io.branchlink.prefill.voucher.VoucherRenderer}); the content hash is defined by
 * {@link io.branchlink.prefill.voucher.VoucherContent}.
 *
 * @see io.branchlink.prefill.voucher.VoucherRendererTests
 */
package io.branchlink.prefill.voucher;
