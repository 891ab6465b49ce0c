/**
 * ITM-shown session codes at the branch: the hub keeps one current code per connected ITM (minted by channel-api,
 * renewed before it expires) and sends it to the ITM to show on its idle screen; it long-polls channel-api's ITM
 * session feed and passes each authorisation (a phone claimed the code an ITM showed) to that ITM over MQTT, which
 * completes the transaction with ISO 8583 as for a scanned token.
 *
 * @see io.branchlink.hub.itmsession.ItmSessionsIntegrationTests
 */
package io.branchlink.hub.itmsession;
