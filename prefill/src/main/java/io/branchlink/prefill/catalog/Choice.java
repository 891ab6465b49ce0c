package io.branchlink.prefill.catalog;

/** One allowed value of a CHOICE (or restricted CURRENCY) field with its label. */
public record Choice(String value, Label label) {
}
