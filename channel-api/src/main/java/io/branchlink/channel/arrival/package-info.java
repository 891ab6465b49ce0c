/**
 * Staging on arrival and queue tickets (docs/counter-business.md, "Arrival and the queue"). The feature owns where
 * each branch is ({@code branches.latitude}, {@code longitude}, {@code radius_metres}) and the queue tickets issued
 * per branch and business day ({@code queue_tickets}, numbered from {@code queue_ticket_counters}).
 *
 * <p>A customer arrives three ways: the app reports a position inside a branch's radius
 * ({@code POST /api/v1/arrivals}), the app takes a remote ticket ({@code POST /api/v1/branches/{id}/tickets}), or the
 * branch's queue-ticket machine reads the app's FORM code and the hub reports it ({@code POST /api/hub/v1/arrivals}).
 * Each stages all of the customer's submitted forms at the branch through counter business ({@code FormArrivals})
 * and issues one ticket, which reaches the branch's hub through the staging feed as a {@code TICKET} event.
 *
 * <p>{@code arrival.internal} holds the branch locator ({@code BranchLocations}, haversine distance) and the ticket
 * issuer ({@code QueueTickets}).
 *
 * @see io.branchlink.channel.arrival.ArrivalIntegrationTests
 * @see io.branchlink.channel.arrival.internal.BranchLocationsTests
 */
package io.branchlink.channel.arrival;
