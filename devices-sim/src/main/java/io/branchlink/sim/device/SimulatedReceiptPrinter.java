package io.branchlink.sim.device;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.ReceiptPrinter;
import java.util.ArrayList;
import java.util.List;

/** A receipt printer that keeps every receipt for reading back, and can run out of paper. */
public final class SimulatedReceiptPrinter extends AbstractDevice implements ReceiptPrinter {

    private final List<Receipt> printed = new ArrayList<>();
    private boolean paperOut;

    @Override
    public String component() {
        return "RECEIPT_PRINTER";
    }

    public synchronized SimulatedReceiptPrinter paperOut(boolean out) {
        this.paperOut = out;
        return this;
    }

    @Override
    public synchronized Outcome print(Receipt receipt) {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return notEnabled.get();
        }
        if (paperOut) {
            return Outcome.of(CompletionCode.HARDWARE_ERROR, "E-PAPER-OUT", "no paper");
        }
        printed.add(receipt);
        return Outcome.ok();
    }

    public synchronized List<Receipt> printed() {
        return List.copyOf(printed);
    }
}
