/**
 * The BranchLink ISO 8583 profile between the ITM agent and the branch hub: typed messages ({@link
 * io.branchlink.protocol.iso8583.IsoMessage} and its records), the byte codec with its AES-CMAC
 * ({@link io.branchlink.protocol.iso8583.Iso8583Codec}) and the 2-byte length framing
 * ({@link io.branchlink.protocol.iso8583.IsoFraming}). The field map is {@code docs/protocols/iso8583.md}.
 *
 * @see io.branchlink.protocol.iso8583.Iso8583CodecTests
 */
package io.branchlink.protocol.iso8583;
