package io.branchlink.prefill.validation;

/**
 * Why one field (or the form, for field {@code "*"}) was refused.
 *
 * @param code a stable machine code, such as {@code ID_CHECK_DIGIT} or {@code AMOUNT_BELOW_MIN}
 * @param message the explanation in English
 * @param messageZh the explanation in Simplified Chinese
 */
public record FieldError(String field, String code, String message, String messageZh) {
}
