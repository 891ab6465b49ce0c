/**
 * BranchLink's internal result code ({@link io.branchlink.protocol.rc.Irc}) and its mapping to ISO 8583 field 39
 * ({@link io.branchlink.protocol.rc.IsoResponseCodes}, table {@code iso-response-codes.properties}).
 *
 * @see io.branchlink.protocol.rc.IsoResponseCodesTests
 */
package io.branchlink.protocol.rc;
