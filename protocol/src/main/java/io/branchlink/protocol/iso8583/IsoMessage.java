package io.branchlink.protocol.iso8583;

import java.time.Instant;

/**
 * One message of the BranchLink ISO 8583 profile as a typed value, so that no code outside this package handles
 * field numbers. {@link Iso8583Codec} turns these into bytes and back.
 */
public sealed interface IsoMessage
        permits FinancialRequest, FinancialResponse, FinancialAdvice, FinancialAdviceResponse, ReversalAdvice,
        ReversalResponse, NetworkRequest, NetworkResponse {

    Mti mti();

    /** Field 11, the systems trace audit number (0-999999). */
    int stan();

    /** Field 7, to the second. */
    Instant transmittedAt();

    /** Field 41, the 8-character terminal id; it also selects the MAC key. */
    String terminalId();

    /** Field 42, the branch id without its padding. */
    String branchId();
}
