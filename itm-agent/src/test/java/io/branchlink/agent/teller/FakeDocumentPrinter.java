package io.branchlink.agent.teller;

import io.branchlink.agent.device.AbstractDevice;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.ReceiptPrinter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A printer that keeps the documents it printed and can run out of paper. */
final class FakeDocumentPrinter extends AbstractDevice implements ReceiptPrinter {

    final List<PrintedDocument> documents = new CopyOnWriteArrayList<>();
    volatile boolean paperOut;

    @Override
    public String component() {
        return "RECEIPT_PRINTER";
    }

    @Override
    public Outcome print(Receipt receipt) {
        return Outcome.ok();
    }

    @Override
    public Outcome printDocument(PrintedDocument document) {
        var notEnabled = requireEnabled();
        if (notEnabled.isPresent()) {
            return notEnabled.get();
        }
        if (paperOut) {
            return Outcome.of(CompletionCode.HARDWARE_ERROR, "E-PAPER-OUT", "no paper");
        }
        documents.add(document);
        return Outcome.ok();
    }

    long printedCount(String reference) {
        return documents.stream().filter(d -> d.reference().equals(reference)).count();
    }
}
