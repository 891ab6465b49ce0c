package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked advice examples of docs/protocols/iso8583.md are the codec's frames: the hex block under each heading
 * is the golden frame, and the hex values of its table are that frame's bytes in order.
 */
class IsoDocumentationTests {

    private static final Path DOC = Path.of("..", "docs", "protocols", "iso8583.md");
    private static final String TOKEN = "token:";
    private static final Pattern HEX_CELL = Pattern.compile("^\\| `([0-9a-f]+)`(?: `([0-9a-f]+)…[0-9a-f]+`)? \\|");

    /** The text of the section that starts with {@code heading}, up to the next heading of any level. */
    private static String section(String heading) throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int start = doc.indexOf(heading);
        assertThat(start).as("heading " + heading).isNotNegative();
        int end = doc.indexOf("\n#", start + heading.length());
        return doc.substring(start, end < 0 ? doc.length() : end);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "### Worked example: a 0220, 0220-deposit",
        "### Worked example: its 0230, 0230-approved",
    })
    void theWorkedExampleIsTheGoldenFrameByteForByte(String heading, String golden) throws IOException {
        String section = section(heading);
        String frame = HexFormat.of().formatHex(IsoFixtures.readGolden(golden));
        int open = section.indexOf("```") + 3;
        String block = section.substring(open, section.indexOf("```", open));

        assertThat(block.replaceAll("\\s", "")).isEqualTo(frame);
        assertThat(frame).isEqualTo(HexFormat.of().formatHex(
                new IsoFraming().frame(Iso8583Codec.encode(IsoFixtures.golden().get(golden), IsoFixtures.KEY))));

        List<String> cells = new ArrayList<>();
        for (String line : section.split("\n")) {
            Matcher m = HEX_CELL.matcher(line);
            if (m.find()) {
                cells.add(m.group(1));
                if (m.group(2) != null) {
                    cells.add(TOKEN + m.group(2));
                }
            }
        }
        assertThat(cells).hasSizeGreaterThan(10);
        int at = 0;
        for (String cell : cells) {
            if (cell.startsWith(TOKEN)) {
                // the token row shows the start and end of the 164 characters only
                assertThat(frame.startsWith(cell.substring(TOKEN.length()), at)).as("token in the frame").isTrue();
                at += 2 * IsoFixtures.TOKEN.length();
                continue;
            }
            assertThat(frame.startsWith(cell, at)).as("table value " + cell + " next in the frame at " + at).isTrue();
            at += cell.length();
        }
        assertThat(at).as("the table covers the whole frame").isEqualTo(frame.length());
    }
}
