package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A hub asks for a fresh session code for one of its branch's ITMs to show on its idle screen. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ItmSessionRequest(String terminalId) {
}
