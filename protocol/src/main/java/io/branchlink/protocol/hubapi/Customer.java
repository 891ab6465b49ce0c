package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The customer of a staged form, as far as a teller needs to recognise them. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Customer(String id, String name, String mobileLast4) {
}
