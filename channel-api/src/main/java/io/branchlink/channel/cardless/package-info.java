/**
 * Cardless cash as the customer stages it: a withdrawal (which places a hold) or a deposit, the signed one-time
 * token and its QR code, cancelling, and the sweeper that expires tokens and releases their holds. Its API is what
 * a terminal redemption needs: {@link io.branchlink.channel.cardless.CardlessTokens} marks a token used, by a
 * conditional update in PostgreSQL and nowhere else, along the moves of
 * {@link io.branchlink.channel.cardless.TokenStatus}; {@link io.branchlink.channel.cardless.TokenKeys} signs and
 * verifies tokens. Staging, the app's endpoints and the sweeper are in {@code internal}.
 *
 * @see io.branchlink.channel.cardless.CardlessIntegrationTests
 * @see io.branchlink.channel.cardless.TokenStatusTests
 */
package io.branchlink.channel.cardless;
