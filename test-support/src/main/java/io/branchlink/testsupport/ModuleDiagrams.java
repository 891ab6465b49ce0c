package io.branchlink.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
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
        boolean update = Boolean.getBoolean(UPDATE);
        List<String> drifted = new ArrayList<>();
        try (Stream<Path> files = Files.list(rendered)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".puml")).sorted().toList()) {
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

    /** The same lines in any order: the Documenter lists modules and relations in the order it found them. */
    private static boolean sameLines(String committed, String rendered) {
        return committed.lines().map(String::strip).sorted().toList()
                .equals(rendered.lines().map(String::strip).sorted().toList());
    }
}
