package io.branchlink.channel.risk.internal;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.branchlink.channel.risk.RiskDecision.StepUpFactor;
import io.branchlink.channel.risk.internal.CompiledRule.RuleOutcome;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.convert.DurationStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads a rule file (YAML) and compiles every rule with CEL: the condition is parsed and type-checked against
 * {@code f: map(string, double)} with a bool result, every {@code matches} pattern is checked against the regex
 * size limit, and the rule is trial-evaluated on the catalogue with every feature at zero (which also finds
 * features the catalogue does not have, and comprehensions over the budget). Any failing rule refuses the whole set.
 *
 * @see RiskRuleLoaderTests
 */
final class RuleSetLoader {

    static final int MAX_RULES = 500;
    static final int MAX_CONDITION_LENGTH = 2_000;
    static final int MAX_COMPREHENSION_ITERATIONS = 1_000;
    static final int MAX_REGEX_PROGRAM_SIZE = 100;
    static final Duration MIN_HOLD = Duration.ofMinutes(1);
    static final Duration MAX_HOLD = Duration.ofDays(30);
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final Map<String, Double> zeros;

    RuleSetLoader(FeatureCatalogue catalogue) {
        CelOptions options = CelOptions.current()
                .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
                .maxRegexProgramSize(MAX_REGEX_PROGRAM_SIZE)
                .build();
        this.compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(options)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("f", MapType.create(SimpleType.STRING, SimpleType.DOUBLE))
                .setResultType(SimpleType.BOOL)
                .build();
        this.runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options).build();
        this.zeros = catalogue.zeros();
    }

    /** A rule set refused, with one line per problem. */
    static final class RefusedException extends Exception {

        private final List<String> errors;

        RefusedException(List<String> errors) {
            super(String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        List<String> errors() {
            return errors;
        }
    }

    RuleSet load(byte[] content, String source, Instant now) throws RefusedException {
        List<String> errors = new ArrayList<>();
        List<Map<String, Object>> entries = parse(content, errors);
        List<CompiledRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            Map<String, Object> entry = entries.get(i);
            Object rawId = entry.get("id");
            String label = rawId instanceof String s ? "rule " + s : "rule #" + (i + 1);
            try {
                CompiledRule rule = compile(entry);
                if (!ids.add(rule.id())) {
                    throw new IllegalArgumentException("duplicate id");
                }
                rules.add(rule);
            } catch (IllegalArgumentException | CelValidationException | CelEvaluationException e) {
                errors.add(label + ": " + e.getMessage().strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new RefusedException(errors);
        }
        rules.sort(Comparator.comparingInt(CompiledRule::priority).reversed().thenComparing(CompiledRule::id));
        return new RuleSet(version(content), source, now, List.copyOf(rules));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(byte[] content, List<String> errors) throws RefusedException {
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setCodePointLimit(1_000_000);
            document = new Yaml(new SafeConstructor(options)).load(new String(content, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new RefusedException(List.of("not a readable YAML rule file: "
                    + e.getMessage().lines().findFirst().orElse("")));
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("rules") instanceof List<?> list)) {
            throw new RefusedException(List.of("the file needs a top-level list 'rules'"));
        }
        if (list.size() > MAX_RULES) {
            throw new RefusedException(List.of("more than " + MAX_RULES + " rules"));
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof Map<?, ?> map) {
                entries.add((Map<String, Object>) map);
            } else {
                errors.add("rule #" + (i + 1) + ": not a mapping");
            }
        }
        return entries;
    }

    private CompiledRule compile(Map<String, Object> entry) throws CelValidationException, CelEvaluationException {
        String id = text(entry, "id", 64);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id must be lower-case letters, digits and dashes");
        }
        String description = text(entry, "description", 300);
        if (!(entry.get("priority") instanceof Integer priority)) {
            throw new IllegalArgumentException("priority must be a whole number");
        }
        RuleOutcome outcome = enumValue(RuleOutcome.class, text(entry, "outcome", 16), "outcome");
        List<StepUpFactor> factors = factors(entry.get("factors"), outcome);
        String condition = text(entry, "when", MAX_CONDITION_LENGTH);
        CompiledRule.Hold hold = hold(entry.get("hold"), entry.get("holdFor"), outcome);
        Set<String> unknown = new LinkedHashSet<>(entry.keySet());
        unknown.removeAll(List.of("id", "description", "priority", "outcome", "factors", "when", "hold", "holdFor"));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown keys " + unknown);
        }

        CelAbstractSyntaxTree ast = compiler.compile(condition).getAst();
        List<String> features = new ArrayList<>();
        CelNavigableAst.fromAst(ast).getRoot().allNodes().forEach(node -> {
            CelExpr expr = node.expr();
            if (expr.getKind() != CelExpr.ExprKind.Kind.CALL) {
                return;
            }
            CelExpr.CelCall call = expr.call();
            if (call.function().equals("matches")) {
                checkPattern(call);
            } else if (call.function().equals("_[_]") && call.args().size() == 2
                    && call.args().get(0).getKind() == CelExpr.ExprKind.Kind.IDENT
                    && call.args().get(0).ident().name().equals("f")) {
                CelExpr key = call.args().get(1);
                if (key.getKind() == CelExpr.ExprKind.Kind.CONSTANT
                        && key.constant().getKind() == CelConstant.Kind.STRING_VALUE) {
                    String name = key.constant().stringValue();
                    if (!zeros.containsKey(name)) {
                        throw new IllegalArgumentException("unknown feature '" + name + "'");
                    }
                    if (!features.contains(name)) {
                        features.add(name);
                    }
                }
            }
        });
        CelRuntime.Program program = runtime.createProgram(ast);
        program.eval(Map.of("f", zeros));
        return new CompiledRule(id, description, priority, outcome, factors, condition, List.copyOf(features),
                program, hold);
    }

    /** CEL checks a pattern's size only when it runs it; a rule whose pattern is skipped on zeros is checked here. */
    private static void checkPattern(CelExpr.CelCall call) {
        CelExpr pattern = call.args().isEmpty() ? null : call.args().get(call.args().size() - 1);
        if (pattern == null || pattern.getKind() != CelExpr.ExprKind.Kind.CONSTANT
                || pattern.constant().getKind() != CelConstant.Kind.STRING_VALUE) {
            throw new IllegalArgumentException("matches() needs a literal pattern");
        }
        try {
            int size = Pattern.compile(pattern.constant().stringValue()).programSize();
            if (size > MAX_REGEX_PROGRAM_SIZE) {
                throw new IllegalArgumentException("regex pattern exceeds allowed program size. Allowed: "
                        + MAX_REGEX_PROGRAM_SIZE + ", provided: " + size);
            }
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex: " + e.getMessage());
        }
    }

    private static List<StepUpFactor> factors(Object raw, RuleOutcome outcome) {
        if (raw == null) {
            return outcome == RuleOutcome.STEP_UP ? List.of(StepUpFactor.values()) : List.of();
        }
        if (outcome != RuleOutcome.STEP_UP) {
            throw new IllegalArgumentException("factors are for STEP_UP rules only");
        }
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("factors must be a non-empty list");
        }
        List<StepUpFactor> factors = new ArrayList<>();
        for (Object item : list) {
            factors.add(enumValue(StepUpFactor.class, String.valueOf(item), "factor"));
        }
        return List.copyOf(new LinkedHashSet<>(factors));
    }

    /** A hold is for DENY rules only, names known kinds and lasts between a minute and 30 days. */
    private static CompiledRule.Hold hold(Object kinds, Object duration, RuleOutcome outcome) {
        if (kinds == null && duration == null) {
            return null;
        }
        if (outcome != RuleOutcome.DENY) {
            throw new IllegalArgumentException("hold is for DENY rules only");
        }
        if (!(kinds instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("hold must be a non-empty list of CUSTOMER, ACCOUNT, DEVICE");
        }
        Set<RiskHold.Kind> held = EnumSet.noneOf(RiskHold.Kind.class);
        for (Object item : list) {
            held.add(enumValue(RiskHold.Kind.class, String.valueOf(item), "hold"));
        }
        if (!(duration instanceof String text) || text.isBlank()) {
            throw new IllegalArgumentException("holdFor is missing (for example 24h)");
        }
        Duration holdFor;
        try {
            holdFor = DurationStyle.SIMPLE.parse(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holdFor must be a duration such as 30m, 24h or 7d");
        }
        if (holdFor.compareTo(MIN_HOLD) < 0 || holdFor.compareTo(MAX_HOLD) > 0) {
            throw new IllegalArgumentException("holdFor must be between 1m and 30d");
        }
        return new CompiledRule.Hold(Set.copyOf(held), holdFor);
    }

    private static String text(Map<String, Object> entry, String key, int maxLength) {
        if (!(entry.get(key) instanceof String value) || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        if (value.length() > maxLength) {
            throw new IllegalArgumentException(key + " is longer than " + maxLength + " characters");
        }
        return value.strip();
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " must be one of " + java.util.Arrays.toString(
                    type.getEnumConstants()));
        }
    }

    static String version(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
