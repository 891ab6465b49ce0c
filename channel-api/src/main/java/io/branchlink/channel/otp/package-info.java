/**
 * Soft OTP, the step-up factor on the customer's bound phone: a TOTP secret (RFC 6238: HMAC-SHA1, 6 digits,
 * 30 seconds) enrolled when the phone is bound, stored encrypted, and {@link io.branchlink.channel.otp.SoftOtp}
 * to verify its codes (one step either side, each step accepted once per device, throttled). The {@code stepup}
 * module asks for it when a risk STEP_UP lists SOFT_OTP; docs/channel-api.md ("Soft OTP") has the rules.
 *
 * @see io.branchlink.channel.otp.SoftOtpIntegrationTests
 * @see io.branchlink.channel.otp.SoftOtpCodesTests
 */
package io.branchlink.channel.otp;
