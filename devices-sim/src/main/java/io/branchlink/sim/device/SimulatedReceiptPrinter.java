package io.branchlink.sim.device;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.ReceiptPrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * A printer that keeps every receipt and document for reading back, can run out of paper, and can jam on the next
 * document.
 */
public final class SimulatedReceiptPrinter extends AbstractDevice implements ReceiptPrinter {

    private final List<Receipt> printed = new ArrayList<>();
    private final List<PrintedDocument> documents = new ArrayList<>();
    private boolean paperOut;
    private boolean jamOnNextDocument;

    @Override
    public String component() {
        return "RECEIPT_PRINTER";
    }

    public synchronized SimulatedReceiptPrinter paperOut(boolean out) {
        this.paperOut = out;
        return this;
    }

    /** The next document jams ({@code E-PAPER-JAM}) and is not printed; the one after prints again. */
    public synchronized SimulatedReceiptPrinter jamOnNextDocument() {
        this.jamOnNextDocument = true;
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

    @Override
    public synchronized Outcome printDocument(PrintedDocument document) {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return notEnabled.get();
        }
        if (paperOut) {
            return Outcome.of(CompletionCode.HARDWARE_ERROR, "E-PAPER-OUT", "no paper");
        }
        if (jamOnNextDocument) {
            jamOnNextDocument = false;
            return Outcome.of(CompletionCode.HARDWARE_ERROR, "E-PAPER-JAM", "paper jam");
        }
        documents.add(document);
        return Outcome.ok();
    }

    public synchronized List<Receipt> printed() {
        return List.copyOf(printed);
    }

    /** The documents printed, in order. */
    public synchronized List<PrintedDocument> documents() {
        return List.copyOf(documents);
    }
}
