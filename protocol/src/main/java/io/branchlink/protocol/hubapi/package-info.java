/**
 * The contract between branch hubs and channel-api's hub API, written once for both sides: the paths under the one
 * prefix {@link io.branchlink.protocol.hubapi.HubApiPaths#PREFIX}, the request and response bodies, the closed
 * vocabularies as enums, and the problem codes. Plain records, read and written by Jackson; the checks on requests
 * are channel-api's (docs/channel-api.md). Answers are read tolerantly: unknown members are ignored, and fields whose
 * vocabulary may grow (statuses, outcomes, event kinds, result codes) stay strings, so an older hub still reads a
 * newer channel-api.
 *
 * @see io.branchlink.protocol.hubapi.HubApiJsonTests
 */
package io.branchlink.protocol.hubapi;
