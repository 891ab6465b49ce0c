package io.branchlink.protocol.iso8583;

import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fixed messages, key and time for the ISO 8583 tests; {@link #main} writes the golden frames under
 * {@code src/test/resources/golden/iso8583}.
 */
public final class IsoFixtures {

    /** The RFC 4493 example AES-128 key, used as terminal ITM00101's MAC key in every fixture. */
    public static final MacKey KEY = MacKey.fromHex("2b7e151628aed2a6abf7158809cf4f3c");
    public static final String TERMINAL = "ITM00101";
    public static final String BRANCH = "BR001";
    public static final Function<String, Optional<MacKey>> KEYS =
            id -> TERMINAL.equals(id) ? Optional.of(KEY) : Optional.empty();
    public static final Instant AT = Instant.parse("2026-03-01T08:30:15Z");
    public static final LocalDateTime LOCAL = LocalDateTime.parse("2026-03-01T16:30:14");
    /** A real withdrawal token text (164 characters, spaces included), signed by a throwaway key. */
    public static final String TOKEN = "BL:W505H0YM9NH0VV4*092FDATHI/LQCQ3LU/FDHSV0000000005VO+M8JBBDH8646/96DXH 97*"
            + "HCUD93JGO.ECGKBHAF:U4+3NCGR1U 71T5LOQIIIN3 LL995TSMVN12L/5R%TGSDTOO9-0DT44L+1VXU:0P1BP40";

    private IsoFixtures() {
    }

    public static FinancialRequest withdrawal() {
        return new FinancialRequest(TransactionKind.WITHDRAWAL, Money.ofMinor(50_000, "CNY"), AT, 123, LOCAL,
                "606008000123", TERMINAL, BRANCH, TOKEN);
    }

    public static FinancialRequest deposit() {
        return new FinancialRequest(TransactionKind.DEPOSIT, Money.ofMinor(1_234_500, "CNY"), AT.plusSeconds(60),
                124, LOCAL.plusSeconds(60), "606008000124", TERMINAL, BRANCH, TOKEN);
    }

    public static FinancialResponse approved() {
        return FinancialResponse.responseTo(withdrawal(), IsoResponseCode.APPROVED, "A1B2C3");
    }

    public static FinancialResponse declined() {
        return FinancialResponse.responseTo(withdrawal(), IsoResponseCode.NOT_SUFFICIENT_FUNDS);
    }

    /** The 0210 of a withdrawal the risk engine declined (docs/protocols/iso8583.md's worked example). */
    public static FinancialResponse riskDeclined() {
        return FinancialResponse.responseTo(withdrawal(), IsoResponseCode.SUSPECTED_FRAUD);
    }

    public static ReversalAdvice fullReversal() {
        return ReversalAdvice.full(withdrawal(), 125, AT.plusSeconds(45));
    }

    public static ReversalAdvice partialReversal() {
        return ReversalAdvice.partial(withdrawal(), Money.ofMinor(20_000, "CNY"), 126, AT.plusSeconds(50));
    }

    public static ReversalResponse reversalResponse() {
        return ReversalResponse.responseTo(partialReversal(), IsoResponseCode.APPROVED);
    }

    /** The 0220 of {@link #deposit()}: its 0210 never came and the ITM kept CNY 12,345.00. */
    public static FinancialAdvice depositAdvice() {
        return FinancialAdvice.of(deposit(), Money.ofMinor(1_234_500, "CNY"), 127, AT.plusSeconds(120));
    }

    public static FinancialAdviceResponse depositAdviceResponse() {
        return FinancialAdviceResponse.responseTo(depositAdvice(), IsoResponseCode.APPROVED);
    }

    public static NetworkRequest signOn() {
        return new NetworkRequest(NetworkCode.SIGN_ON, AT.minusSeconds(600), 1, TERMINAL, BRANCH);
    }

    public static NetworkResponse signOnResponse() {
        return NetworkResponse.responseTo(signOn(), IsoResponseCode.APPROVED);
    }

    /** Golden fixture file name (without {@code .hex}) to the message it holds. */
    public static Map<String, IsoMessage> golden() {
        Map<String, IsoMessage> golden = new LinkedHashMap<>();
        golden.put("0200-withdrawal", withdrawal());
        golden.put("0210-approved", approved());
        golden.put("0210-declined", declined());
        golden.put("0210-risk-declined", riskDeclined());
        golden.put("0220-deposit", depositAdvice());
        golden.put("0230-approved", depositAdviceResponse());
        golden.put("0420-full", fullReversal());
        golden.put("0420-partial", partialReversal());
        golden.put("0430-approved", reversalResponse());
        golden.put("0800-sign-on", signOn());
        golden.put("0810-sign-on", signOnResponse());
        return golden;
    }

    /** Reads a golden file: hex digits, with whitespace and {@code #} comment lines ignored. */
    public static byte[] readGolden(String name) {
        try (InputStream in = IsoFixtures.class.getResourceAsStream("/golden/iso8583/" + name + ".hex")) {
            if (in == null) {
                throw new IllegalStateException("no golden file " + name);
            }
            StringBuilder hex = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.strip().startsWith("#")) {
                    hex.append(line.replaceAll("\\s", ""));
                }
            }
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every golden frame into the directory given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        IsoFraming framing = new IsoFraming();
        for (Map.Entry<String, IsoMessage> entry : golden().entrySet()) {
            byte[] frame = framing.frame(Iso8583Codec.encode(entry.getValue(), KEY));
            String hex = HexFormat.of().formatHex(frame).replaceAll("(.{64})", "$1\n");
            Files.writeString(dir.resolve(entry.getKey() + ".hex"),
                    "# " + entry.getKey() + ": framed, MAC key " + HexFormat.of().formatHex(KEY.bytes()) + "\n"
                            + hex.strip() + "\n");
        }
    }
}
