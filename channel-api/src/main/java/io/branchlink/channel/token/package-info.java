/**
 * Cardless QR tokens: staging a withdrawal (which places a hold) or a deposit, signing the token, rendering its QR,
 * cancelling, expiring, and marking a token used when a branch hub redeems it. Whether a token was used is decided
 * here, by a conditional update in PostgreSQL, and nowhere else.
 *
 * @see io.branchlink.channel.token.CardlessIntegrationTests
 */
package io.branchlink.channel.token;
