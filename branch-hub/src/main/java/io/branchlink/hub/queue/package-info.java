/**
 * The branch's queue of ticket holders (docs/branch-hub.md, "The queue"): tickets channel-api issued, received
 * through the staging feed, kept in the cluster map {@code hub.queue.tickets} so that every hub node sees the same
 * queue; calling the next ticket and ending it, with the wait (ticket → called) and the service (called → done)
 * measured as Micrometer timers and summarised for the console. The branch's queue-ticket machines (device kind
 * {@code TICKET_MACHINE}) read the app's FORM code; the hub reports the arrival to channel-api and commands the
 * machine to print the ticket's number.
 *
 * @see io.branchlink.hub.queue.TicketQueueTests
 * @see io.branchlink.hub.queue.TicketMachineIntegrationTests
 */
package io.branchlink.hub.queue;
