package io.branchlink.protocol.iso8583;

/** What a financial message does to the account, carried as the ISO 8583 processing code in field 3. */
public enum TransactionKind {

    /** Processing code 010000: cash withdrawal from the default account. */
    WITHDRAWAL(10000),
    /** Processing code 210000: cash deposit to the default account. */
    DEPOSIT(210000);

    private final int processingCode;

    TransactionKind(int processingCode) {
        this.processingCode = processingCode;
    }

    /** Field 3 as a number; on the wire it is n6, so 10000 is {@code 010000}. */
    public int processingCode() {
        return processingCode;
    }

    static TransactionKind fromProcessingCode(long code) {
        for (TransactionKind kind : values()) {
            if (kind.processingCode == code) {
                return kind;
            }
        }
        return null;
    }
}
