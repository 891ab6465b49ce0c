package io.branchlink.demo.counter;

import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FieldType;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.sim.app.CustomerProfile;
import io.branchlink.sim.app.FormSamples;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What a teller does at the keyboard for one counter business, with and without a pre-filled form, estimated with
 * the Keystroke-Level Model (Card, Moran and Newell, 1980) over realistic filled forms ({@link FormSamples}).
 *
 * <p>Without pre-fill the teller reads each field off the paper slip and keys it into the core banking screen: a
 * mental step per field, a keystroke per character (four per Chinese character, for pinyin and the candidate
 * choice), a Tab to the next field, two point-and-clicks per drop-down, one more look per field that must be checked
 * against the ID card, and a point-and-click to submit. With pre-fill the customer has keyed everything: the teller
 * looks over the form once, compares each ID-check field with the card, and clicks Confirm once.
 *
 * <p>The model counts the teller's data entry only; the counter also takes ID verification, cash handling and the
 * conversation, which pre-fill does not shorten.
 */
public final class CounterEffort {

    /** KLM operator times in seconds: keystroke (average skilled typist), point, button press, mental step, homing. */
    static final double K = 0.28;
    static final double P = 1.1;
    static final double B = 0.1;
    static final double M = 1.35;
    static final double H = 0.4;
    /** Keystrokes per Chinese character: about three pinyin letters and one candidate choice. */
    static final int KEYS_PER_HANZI = 4;

    /** The averages for one business type. */
    public record Row(String type, String labelEn, String labelZh, int fields, int idCheckFields,
            double keystrokesWithout, double clicksWithout, double secondsWithout, int keystrokesWith,
            int clicksWith, double secondsWith) {

        /** How much of the teller's data-entry time pre-fill saves, in percent. */
        public double savedPercent() {
            return 100.0 * (1 - secondsWith / secondsWithout);
        }
    }

    private CounterEffort() {
    }

    /** One row per catalog type, averaged over {@code samplesPerType} filled forms of random customers. */
    public static List<Row> estimate(FormCatalog catalog, int samplesPerType, long seed) {
        Random customers = new Random(seed);
        FormSamples samples = new FormSamples(Clock.systemUTC(), seed);
        List<Row> rows = new ArrayList<>();
        for (FormDefinition form : catalog.all()) {
            double keys = 0;
            double clicks = 0;
            double seconds = 0;
            for (int i = 0; i < samplesPerType; i++) {
                Map<String, String> values = samples.sample(form.type(), CustomerProfile.random(customers));
                Manual manual = manual(form, values);
                keys += manual.keystrokes;
                clicks += manual.clicks;
                seconds += manual.seconds;
            }
            int idChecks = form.idCheckFields().size();
            double secondsWith = M + idChecks * M + H + P + B;
            rows.add(new Row(form.type(), form.label().en(), form.label().zh(), form.fields().size(), idChecks,
                    keys / samplesPerType, clicks / samplesPerType, seconds / samplesPerType, 0, 1, secondsWith));
        }
        return rows;
    }

    /** The table in Markdown, with a total row weighted equally per type. */
    public static String markdown(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| Business | Fields | ID checks | Keystrokes without | Clicks without | Teller s without |"
                + " Keystrokes with | Clicks with | Teller s with | Saved |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double without = 0;
        double with = 0;
        for (Row row : rows) {
            out.append(String.format("| %s %s | %d | %d | %.0f | %.0f | %.1f | %d | %d | %.1f | %.0f %% |%n",
                    row.labelEn(), row.labelZh(), row.fields(), row.idCheckFields(), row.keystrokesWithout(),
                    row.clicksWithout(), row.secondsWithout(), row.keystrokesWith(), row.clicksWith(),
                    row.secondsWith(), row.savedPercent()));
            without += row.secondsWithout();
            with += row.secondsWith();
        }
        out.append(String.format("| **All types (mean)** | | | | | %.1f | | | %.1f | **%.0f %%** |%n",
                without / rows.size(), with / rows.size(), 100.0 * (1 - with / without)));
        return out.toString();
    }

    private record Manual(int keystrokes, int clicks, double seconds) {
    }

    private static Manual manual(FormDefinition form, Map<String, String> values) {
        int keystrokes = 0;
        int clicks = 1;
        double seconds = P + B;
        for (FieldDefinition field : form.fields()) {
            String value = values.get(field.name());
            if (value == null || value.isEmpty()) {
                continue;
            }
            seconds += M;
            if (field.idCheck()) {
                seconds += M;
            }
            if (field.type() == FieldType.CHOICE || field.type() == FieldType.CURRENCY) {
                clicks += 2;
                seconds += H + 2 * (P + B) + H;
            } else {
                int keys = keystrokes(value) + 1;
                keystrokes += keys;
                seconds += keys * K;
            }
        }
        return new Manual(keystrokes, clicks, seconds);
    }

    static int keystrokes(String value) {
        int keys = 0;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            keys += Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN ? KEYS_PER_HANZI : 1;
            i += Character.charCount(codePoint);
        }
        return keys;
    }
}
