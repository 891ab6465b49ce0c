package io.branchlink.agent.device;

import java.util.List;
import java.util.Objects;

/** The receipt printer (XFS PTR). Receipts never carry a QR token or a full account number. */
public interface ReceiptPrinter extends Device {

    Outcome print(Receipt receipt);

    /** The lines of one receipt, top to bottom. */
    record Receipt(List<String> lines) {
        public Receipt {
            lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        }
    }
}
