package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskRules;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Holds the running rule set and replaces it only with a set that loaded whole: at start (a refused set stops the
 * application), on {@link #reload()}, and when the rule file's modification time changes.
 *
 * @see RiskRuleLoaderTests
 */
@Component
class CelRiskRules implements RiskRules {

    static final String DEFAULT_RULES = "risk/rules.yaml";
    private static final Logger log = LoggerFactory.getLogger(CelRiskRules.class);

    private final RuleSetLoader loader;
    private final Path file;
    private final Clock clock;
    private final AtomicReference<RuleSet> active = new AtomicReference<>();
    private volatile FileTime seenModified;

    CelRiskRules(FeatureCatalogue catalogue, RiskProperties properties, Clock clock) {
        this.loader = new RuleSetLoader(catalogue);
        this.file = properties.rulesFile() == null || properties.rulesFile().isBlank() ? null
                : Path.of(properties.rulesFile());
        this.clock = clock;
        Reload first = reload();
        if (!first.accepted()) {
            throw new IllegalStateException("the risk rules in " + source() + " were refused: " + first.errors());
        }
    }

    RuleSet active() {
        return active.get();
    }

    @Override
    public synchronized Reload reload() {
        RuleSet current = active.get();
        try {
            FileTime modified = file == null ? null : Files.getLastModifiedTime(file);
            byte[] content = read();
            seenModified = modified;
            RuleSet next = loader.load(content, source(), clock.instant());
            active.set(next);
            log.info("risk rules {} from {} run now: {} rules", next.version(), next.source(), next.rules().size());
            return new Reload(true, next.version(), List.of());
        } catch (RuleSetLoader.RefusedException e) {
            log.error("risk rules from {} refused, {} keeps running: {}", source(), version(current), e.errors());
            return new Reload(false, version(current), e.errors());
        } catch (IOException e) {
            log.error("risk rules from {} unreadable, {} keeps running", source(), version(current), e);
            return new Reload(false, version(current), List.of("the rule file cannot be read: " + e.getMessage()));
        }
    }

    /** Reloads when the rule file's modification time differs from the one last read (refused or not). */
    @Scheduled(fixedDelayString = "${branchlink.channel.risk.rules-check-interval:10s}",
            initialDelayString = "${branchlink.channel.risk.rules-check-interval:10s}")
    void reloadIfChanged() {
        if (file == null) {
            return;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(seenModified)) {
                reload();
            }
        } catch (IOException e) {
            log.warn("risk rule file {} cannot be checked: {}", file, e.toString());
        }
    }

    @Override
    public Summary current() {
        RuleSet set = active.get();
        return new Summary(set.version(), set.source(), set.loadedAt(), set.rules().stream()
                .map(rule -> new Rule(rule.id(), rule.priority(), rule.outcome().name(), rule.description(),
                        rule.condition()))
                .toList());
    }

    private byte[] read() throws IOException {
        if (file != null) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new ClassPathResource(DEFAULT_RULES).getInputStream()) {
            return in.readAllBytes();
        }
    }

    private String source() {
        return file == null ? "classpath:" + DEFAULT_RULES : file.toString();
    }

    private static String version(RuleSet set) {
        return set == null ? null : set.version();
    }
}
