package io.branchlink.agent.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StanSequenceTests {

    @TempDir
    Path dir;

    @Test
    void continuesAfterARestartWithoutRepeating() {
        StanSequence first = StanSequence.open(dir);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            seen.add(first.next());
        }
        StanSequence afterRestart = StanSequence.open(dir);
        for (int i = 0; i < 5; i++) {
            assertThat(seen.add(afterRestart.next())).isTrue();
        }
        assertThat(seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    }

    @Test
    void wrapsFrom999999To1() throws IOException {
        Files.writeString(dir.resolve(StanSequence.FILE_NAME), "999998");
        StanSequence stans = StanSequence.open(dir);
        assertThat(stans.next()).isEqualTo(999_999);
        assertThat(stans.next()).isEqualTo(1);
    }
}
