package io.branchlink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module diagrams in {@code docs/modules/} are generated from the code by Spring Modulith's {@link Documenter},
 * and a test keeps them true: it renders them again and fails, naming the files, when the committed copies differ
 * (in more than the order of their lines).
 * {@code -Dbranchlink.docs.update=true} writes the new diagrams into {@code docs/} instead.
 */
public final class ModuleDiagrams {

    public static final String UPDATE = "branchlink.docs.update";

    private ModuleDiagrams() {
    }

    /**
     * Renders the overview diagram and one diagram per module into {@code target/modulith-docs}, then compares them
     * with (or, under {@value #UPDATE}, copies them to) {@code committed}.
     *
     * @return the files whose committed copy is missing or different (empty when the docs are true)
     */
    public static List<String> drift(ApplicationModules modules, Path committed) {
        Path rendered = Path.of("target", "modulith-docs");
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(rendered.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        try {
            Files.writeString(rendered.resolve("modules.md"), markdown(modules, committed.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean update = Boolean.getBoolean(UPDATE);
        List<String> drifted = new ArrayList<>();
        try (Stream<Path> files = Files.list(rendered)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml") || f.toString().endsWith(".md"))
                    .sorted().toList()) {
                Path target = committed.resolve(file.getFileName());
                String now = Files.readString(file);
                if (update) {
                    Files.createDirectories(committed);
                    Files.writeString(target, now);
                } else if (!Files.exists(target) || !sameLines(Files.readString(target), now)) {
                    drifted.add(target.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return drifted;
    }

    /**
     * The modules and the modules each uses, as a Mermaid flowchart (which GitHub draws) and a table, both sorted by
     * name so that the text changes only when the code does.
     */
    static String markdown(ApplicationModules modules, String application) {
        StringBuilder graph = new StringBuilder();
        StringBuilder table = new StringBuilder();
        modules.stream().sorted(Comparator.comparing(ApplicationModule::getName)).forEach(module -> {
            List<String> uses = module.getDependencies(modules).uniqueModules().map(ApplicationModule::getName)
                    .filter(name -> !name.equals(module.getName())).distinct().sorted().toList();
            graph.append("  ").append(module.getName()).append('\n');
            uses.forEach(used -> graph.append("  ").append(module.getName()).append(" --> ").append(used)
                    .append('\n'));
            table.append("| `").append(module.getName()).append("` | ")
                    .append(uses.isEmpty() ? "nothing" : String.join(", ", uses.stream().map(u -> "`" + u + "`")
                            .toList()))
                    .append(" |\n");
        });
        return "# " + application + ": modules and what each uses\n\n"
                + "Drawn from the code by `ModuleDocumentationTests` (see [../README.md](../README.md)); do not edit.\n\n"
                + "```mermaid\nflowchart LR\n" + graph + "```\n\n"
                + "| Module | Uses |\n|---|---|\n" + table;
    }

    /** The same lines in any order: the Documenter lists modules and relations in the order it found them. */
    private static boolean sameLines(String committed, String rendered) {
        return committed.lines().map(String::strip).sorted().toList()
                .equals(rendered.lines().map(String::strip).sorted().toList());
    }
}
