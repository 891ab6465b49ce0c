package io.branchlink.hub.teller;

/** A text for the teller in English and Simplified Chinese. */
record Message(String en, String zh) {
}
