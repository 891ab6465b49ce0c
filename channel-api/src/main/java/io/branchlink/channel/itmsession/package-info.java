/**
 * The ITM shows the code, the phone scans it: a hub asks for a short-lived signed session code per idle ITM
 * ({@code ITM_SESSION} token), a logged-in phone on a bound device claims the code it scanned for a withdrawal or a
 * deposit, and the claim stages an ordinary cardless token bound to that ITM (limits, risk engine, hold as for the
 * app's staging) and puts an authorisation in the branch's ITM session feed, which the hub long-polls and passes to
 * the ITM over MQTT. The phone follows the outcome. Claims, the feed and the endpoints are in {@code internal}.
 *
 * @see io.branchlink.channel.itmsession.ItmSessionIntegrationTests
 */
package io.branchlink.channel.itmsession;
