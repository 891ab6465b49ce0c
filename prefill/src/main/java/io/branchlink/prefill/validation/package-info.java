/**
 * Server-side validation of a filled form against its catalog definition, with per-field errors in English and
 * Chinese: {@link io.branchlink.prefill.validation.FormValidator}. Account ownership is the caller's, through
 * {@link io.branchlink.prefill.validation.AccountOwnership}.
 *
 * @see io.branchlink.prefill.validation.FormValidatorTests
 */
package io.branchlink.prefill.validation;
