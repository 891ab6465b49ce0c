/**
 * The teller console (flow 3): teller terminals' {@code qr-scanned} events resolved to a per-terminal view in the
 * cluster ({@code hub.teller.views}), the console page at {@code /teller/} and its JSON API behind HTTP Basic and
 * CSRF, one-click confirmation and rejection through channel-api exactly once per form, the voucher sent to the
 * terminal's printer, and the audit trail.
 *
 * @see io.branchlink.hub.teller.TellerConsoleIntegrationTests
 * @see io.branchlink.hub.teller.TellerConsolePageIntegrationTests
 */
package io.branchlink.hub.teller;
