/**
 * The branch's simulated queue-ticket machine (docs/protocols/mqtt.md, "Queue-ticket machine"): it reads the code
 * the customer's app shows, publishes it as {@code qr-scanned} over the agent's MQTT link (Paho, presence with a Last
 * Will, retained state of kind {@code TICKET_MACHINE}) and prints the tickets the hub sends it.
 *
 * @see io.branchlink.it.arrival.ArrivalIntegrationTests
 */
package io.branchlink.sim.queue;
