package io.branchlink.channel.seal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.branchlink.channel.seal.SealVerification;
import io.branchlink.channel.seal.SealVerification.Verdict;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.seal.SealCredentials;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Any changed byte of a sealed document breaks its seal: bytes in every region of the file (the header, the
 * content streams, the consent, the signature dictionary, the CMS signature, its zero padding, the trailer, and an
 * even sweep over the whole file), each changed three ways (low bit, the 0x20 bit that turns a hex digit's case, a
 * space), and every variant is answered as not valid, or refused as not a readable PDF — never "valid".
 */
class SealTamperingTests {

    private static final Instant NOW = Instant.parse("2026-03-02T08:15:30Z");
    private static final int[] CHANGES = {0x01, 0x20, -1};

    private static SealService bank;
    private static byte[] sealed;

    @BeforeAll
    static void sealAVoucher() {
        SealCredentials key = SealCredentials.selfSigned("BranchLink Test Seal", NOW, Duration.ofDays(30));
        bank = new SealService(new SealKeyRing("k1", key, Map.of()), new SimpleMeterRegistry());
        Map<String, String> consent = new LinkedHashMap<>();
        consent.put("kind", "FORM_SUBMISSION");
        consent.put("formId", "3f0c4f0e-8f7e-4a55-9d0c-7f1b2a3c4d5e");
        consent.put("confirmationId", "c-77a1");
        sealed = bank.seal(SealKeyRingTests.document(), "Voucher V-B001-20260302-000001", "Shanghai", consent,
                NOW).pdf();
        assertThat(bank.verify(sealed).verdict()).isEqualTo(Verdict.SEALED);
    }

    @Test
    void everyChangedByteInEveryRegionIsNeverValid() {
        Map<String, List<Integer>> regions = regions();
        assertThat(regions).allSatisfy((region, positions) -> assertThat(positions).as(region).isNotEmpty());

        Map<String, Integer> outcomes = new TreeMap<>();
        int variants = 0;
        for (Map.Entry<String, List<Integer>> region : regions.entrySet()) {
            for (int position : region.getValue()) {
                for (int change : CHANGES) {
                    byte[] tampered = sealed.clone();
                    byte changed = change < 0 ? (byte) ' ' : (byte) (tampered[position] ^ change);
                    if (changed == tampered[position]) {
                        continue;
                    }
                    tampered[position] = changed;
                    variants++;
                    String outcome = answer(tampered, region.getKey(), position);
                    outcomes.merge(outcome, 1, Integer::sum);
                }
            }
        }
        assertThat(variants).isGreaterThan(600);
        assertThat(outcomes).doesNotContainKey("VALID").containsKey("CHANGED");
    }

    @Test
    void theUntouchedDocumentStillVerifiesAfterwards() {
        SealVerification verified = bank.verify(sealed.clone());
        assertThat(verified.valid()).isTrue();
        assertThat(verified.changedAfterSealing()).isFalse();
        assertThat(verified.consent()).containsEntry("confirmationId", "c-77a1");
    }

    /** The verdict of one variant; a "valid" one fails the test with where the change was. */
    private static String answer(byte[] tampered, String region, int position) {
        try {
            SealVerification verified = bank.verify(tampered);
            if (verified.valid()) {
                int open = first("/Contents <") + "/Contents <".length();
                fail("changing byte " + position + " (" + region + ", hex digit " + (position - open) + " of /Contents, "
                        + (char) sealed[position] + " to " + (char) tampered[position] + ") left the seal valid");
            }
            return verified.verdict().name();
        } catch (ApiException refused) {
            return "REFUSED " + refused.getBody().getProperties().get("code");
        }
    }

    private static Map<String, List<Integer>> regions() {
        Map<String, List<Integer>> regions = new LinkedHashMap<>();
        regions.put("header", range(0, 16));
        List<Integer> streams = new ArrayList<>();
        for (int at : all("stream\n")) {
            if (streams.size() < 60) {
                streams.addAll(range(at + 7, at + 13));
            }
        }
        regions.put("content streams", streams);
        List<Integer> consent = new ArrayList<>();
        for (String marker : List.of("Consent.kind", "FORM_SUBMISSION", "c-77a1")) {
            int at = first(marker);
            consent.addAll(range(at, at + marker.length()));
        }
        regions.put("consent", consent);
        List<Integer> dictionary = new ArrayList<>();
        for (String marker : List.of("/ByteRange", "/SubFilter", "/M (D:", "/Type /Sig")) {
            int at = first(marker);
            dictionary.addAll(range(at, at + marker.length() + 12));
        }
        regions.put("signature dictionary", dictionary);
        int open = first("/Contents <") + "/Contents ".length();
        int close = open;
        while (sealed[close] != '>') {
            close++;
        }
        int der = close;
        while (sealed[der - 1] == '0') {
            der--;
        }
        regions.put("CMS signature", spread(open, der + 1, 60));
        regions.put("CMS padding", spread(der + 2, close + 1, 30));
        regions.put("trailer", range(sealed.length - 120, sealed.length));
        regions.put("whole file", spread(0, sealed.length, 150));
        return regions;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> positions = new ArrayList<>();
        for (int i = Math.max(0, from); i < Math.min(to, sealed.length); i++) {
            positions.add(i);
        }
        return positions;
    }

    private static List<Integer> spread(int from, int to, int count) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            positions.add(from + (int) ((long) (to - from - 1) * i / Math.max(1, count - 1)));
        }
        return positions;
    }

    private static int first(String marker) {
        List<Integer> found = all(marker);
        assertThat(found).as("the sealed document holds %s", marker).isNotEmpty();
        return found.get(0);
    }

    private static List<Integer> all(String marker) {
        byte[] bytes = marker.getBytes(StandardCharsets.US_ASCII);
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i <= sealed.length - bytes.length; i++) {
            for (int j = 0; j < bytes.length; j++) {
                if (sealed[i + j] != bytes[j]) {
                    continue outer;
                }
            }
            found.add(i);
        }
        return found;
    }
}
