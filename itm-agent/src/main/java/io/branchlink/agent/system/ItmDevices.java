package io.branchlink.agent.system;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.Device;
import io.branchlink.agent.device.QrScanner;
import io.branchlink.agent.device.ReceiptPrinter;
import io.branchlink.agent.device.Screen;
import java.util.List;
import java.util.Objects;

/** The devices of one ITM, each behind its SPI port, so the agent runs the same on hardware and on simulators. */
public record ItmDevices(CashDispenser dispenser, CashAcceptor acceptor, QrScanner scanner, ReceiptPrinter printer,
        Screen screen) {

    public ItmDevices {
        Objects.requireNonNull(dispenser, "dispenser");
        Objects.requireNonNull(acceptor, "acceptor");
        Objects.requireNonNull(scanner, "scanner");
        Objects.requireNonNull(printer, "printer");
        Objects.requireNonNull(screen, "screen");
    }

    public List<Device> all() {
        return List.of(dispenser, acceptor, scanner, printer, screen);
    }
}
