package io.branchlink.agent.transaction;

import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.device.ReceiptPrinter.Receipt;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.money.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Prints the customer's receipt of a completed transaction; a printer fault is reported, never fatal. */
public final class PrintReceipt {

    private final TransactionServices services;

    public PrintReceipt(TransactionServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public void print(String title, FinancialRequest request, Money amount) {
        TransactionSettings settings = services.settings();
        List<String> lines = new ArrayList<>();
        lines.add("BranchLink " + title);
        lines.add("Terminal " + settings.terminalId() + "  Branch " + settings.branchId());
        lines.add("Date " + request.localDateTime());
        lines.add("STAN " + String.format("%06d", request.stan()) + "  RRN " + request.rrn());
        lines.add("Amount " + amount);
        Outcome printed = services.printer().print(new Receipt(lines));
        if (!printed.success()) {
            services.fault(services.printer(), printed);
        }
    }
}
