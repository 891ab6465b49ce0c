package io.branchlink.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.testsupport.ModuleDiagrams;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleDocumentationTests {

    @Test
    void theModuleDiagramsInDocsAreTheOnesTheCodeDraws() {
        assertThat(ModuleDiagrams.drift(ApplicationModules.of(ChannelApiApplication.class),
                Path.of("..", "docs", "modules", "channel-api")))
                .as("diagrams that no longer match the code; redraw them with -D" + ModuleDiagrams.UPDATE + "=true")
                .isEmpty();
    }
}
