package io.branchlink.agent.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.rc.Irc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TransactionOutcomeTests {

    @ParameterizedTest
    @EnumSource(TransactionEnd.Result.class)
    void carriesEveryFlowEndingUnderTheSameName(TransactionEnd.Result result) {
        TransactionEnd end = new TransactionEnd("T1", TransactionKind.DEPOSIT, result, Irc.APPROVED, 7, "rrn", null,
                null, "THANK_YOU");
        TransactionOutcome outcome = TransactionOutcome.of(end);
        assertThat(outcome.result().name()).isEqualTo(result.name());
        assertThat(outcome).extracting(TransactionOutcome::txnId, TransactionOutcome::stan,
                TransactionOutcome::screenId).containsExactly("T1", 7, "THANK_YOU");
    }
}
