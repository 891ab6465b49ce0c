package io.branchlink.agent.system;

import io.branchlink.agent.device.QrFrameDecoder;
import io.branchlink.agent.device.QrScanner;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenFormatException;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.rc.Irc;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the customer's QR code from the camera and tells a cash token apart from anything else: no frame, a frame
 * without a code, a code that is not a BranchLink token, a token for another service.
 */
final class ReadCustomerCode {

    /** What the camera gave: a cash token to serve, or a visit that ends before any transaction begins. */
    sealed interface Read {
        record Token(String text, QrToken claims) implements Read {
        }

        record Refused(TransactionEnd end) implements Read {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ReadCustomerCode.class);

    private final TransactionServices services;
    private final QrScanner scanner;
    private final Duration scanTimeout;

    ReadCustomerCode(TransactionServices services, QrScanner scanner, Duration scanTimeout) {
        this.services = services;
        this.scanner = scanner;
        this.scanTimeout = scanTimeout;
    }

    /** @param expected the token type the caller serves, or {@code null} for any cash transaction */
    Read read(TokenType expected) {
        services.show("SCAN_QR", "Please show your QR code to the camera", Map.of());
        QrScanner.FrameResult frame = scanner.captureFrame(scanTimeout);
        if (!frame.outcome().success() || frame.frame() == null) {
            services.show("SCAN_TIMEOUT", "No QR code was shown", Map.of());
            return refused(expected, Irc.FORMAT_ERROR, "SCAN_TIMEOUT");
        }
        Optional<String> text = QrFrameDecoder.decode(frame.frame());
        if (text.isEmpty()) {
            log.info("qr frame did not decode terminal={}", services.settings().terminalId());
            services.show("QR_UNREADABLE", "The QR code could not be read. Please hold it steady and try again",
                    Map.of());
            return refused(expected, Irc.FORMAT_ERROR, "QR_UNREADABLE");
        }
        QrToken claims;
        try {
            claims = QrTokenCodec.parse(text.get()).claims();
        } catch (TokenFormatException e) {
            log.info("qr text is not a BranchLink token terminal={} failure={}", services.settings().terminalId(),
                    e.getMessage());
            services.show("QR_NOT_RECOGNISED", "This is not a BranchLink QR code", Map.of());
            return refused(expected, Irc.TOKEN_INVALID, "QR_NOT_RECOGNISED");
        }
        if (claims.type() == TokenType.FORM || (expected != null && claims.type() != expected)) {
            services.show("QR_WRONG_SERVICE", "This QR code is for another service",
                    Map.of("service", claims.type().name()));
            return refused(expected, Irc.INVALID_TRANSACTION, "QR_WRONG_SERVICE");
        }
        return new Read.Token(text.get(), claims);
    }

    static Read refused(TokenType expected, Irc irc, String screenId) {
        return new Read.Refused(TransactionEnd.rejected(kindOf(expected), irc, screenId));
    }

    static TransactionKind kindOf(TokenType type) {
        return type == TokenType.DEPOSIT ? TransactionKind.DEPOSIT
                : type == TokenType.WITHDRAWAL ? TransactionKind.WITHDRAWAL : null;
    }
}
