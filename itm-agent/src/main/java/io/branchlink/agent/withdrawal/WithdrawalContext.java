package io.branchlink.agent.withdrawal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.session.Session;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.money.Money;

/** One withdrawal as its steps fill it in: the amount asked for, the mix, the 0200, what was presented. */
final class WithdrawalContext {

    final Session session;
    final String token;
    final Money amount;
    CashDispenser.DenominateResult mix;
    FinancialRequest request;
    /** The journal's {@code AUTH_REQUESTED} record: every later record of the transaction copies it. */
    JournalRecord base;
    Money presented;

    WithdrawalContext(Session session, String token, Money amount) {
        this.session = session;
        this.token = token;
        this.amount = amount;
    }

    Money zero() {
        return new Money(0, base.amountMoney().currency());
    }
}
