package io.branchlink.prefill.catalog;

/** A text in Simplified Chinese and in English, as every label on a form and a voucher carries both. */
public record Label(String zh, String en) {

    boolean isComplete() {
        return zh != null && !zh.isBlank() && en != null && !en.isBlank();
    }

    @Override
    public String toString() {
        return zh + " / " + en;
    }
}
