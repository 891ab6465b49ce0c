package io.branchlink.prefill.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * All business types of the counter, loaded from the definition files named in the catalog's {@code index.txt};
 * any malformed or inconsistent definition fails the whole load, so a bad file never reaches a customer.
 *
 * @see io.branchlink.prefill.catalog.FormCatalogTests
 */
public final class FormCatalog {

    /** Where the bundled definitions live on the classpath. */
    public static final String DEFAULT_LOCATION = "io/branchlink/prefill/catalog";

    private static final Pattern UPPER_SNAKE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");
    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, FormDefinition> forms;

    private FormCatalog(Map<String, FormDefinition> forms) {
        this.forms = forms;
    }

    /** The bundled catalog. */
    public static FormCatalog load() {
        return load(FormCatalog.class.getClassLoader(), DEFAULT_LOCATION);
    }

    /**
     * Loads the definitions listed, one file name a line, in {@code location/index.txt}.
     *
     * @throws CatalogException when the index or any definition is missing, malformed or inconsistent
     */
    public static FormCatalog load(ClassLoader loader, String location) {
        Map<String, FormDefinition> forms = new LinkedHashMap<>();
        for (String file : index(loader, location)) {
            String path = location + "/" + file;
            FormDefinition form = read(loader, path);
            check(form, path);
            if (forms.putIfAbsent(form.type(), form) != null) {
                throw new CatalogException(path + ": business type " + form.type() + " is defined twice");
            }
        }
        if (forms.isEmpty()) {
            throw new CatalogException(location + "/index.txt names no definitions");
        }
        return new FormCatalog(Map.copyOf(forms));
    }

    /** The business type ids, sorted. */
    public List<String> types() {
        return forms.keySet().stream().sorted().toList();
    }

    public List<FormDefinition> all() {
        return types().stream().map(forms::get).toList();
    }

    public Optional<FormDefinition> find(String type) {
        return Optional.ofNullable(forms.get(type));
    }

    /** @throws IllegalArgumentException for a type the catalog does not have */
    public FormDefinition get(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("unknown business type: " + type));
    }

    private static List<String> index(ClassLoader loader, String location) {
        String path = location + "/index.txt";
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new CatalogException("catalog index not found on the classpath: " + path);
            }
            List<String> files = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        files.add(trimmed);
                    }
                }
            }
            return files;
        } catch (IOException e) {
            throw new CatalogException("cannot read " + path, e);
        }
    }

    private static FormDefinition read(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new CatalogException("definition listed in the index is missing: " + path);
            }
            return JSON.readValue(in, FormDefinition.class);
        } catch (IOException e) {
            throw new CatalogException(path + ": malformed definition: " + e.getMessage(), e);
        }
    }

    private static void check(FormDefinition form, String path) {
        require(form.type() != null && UPPER_SNAKE.matcher(form.type()).matches(), path, "type must be UPPER_SNAKE");
        String expectedFile = form.type().toLowerCase(Locale.ROOT).replace('_', '-') + ".json";
        require(path.endsWith("/" + expectedFile), path, "the file of type " + form.type() + " must be " + expectedFile);
        require(form.label() != null && form.label().isComplete(), path, "the form needs labels zh and en");
        require(form.action() != null && UPPER_SNAKE.matcher(form.action()).matches(), path,
                "action must name a channel-api action in UPPER_SNAKE");
        require(!form.fields().isEmpty(), path, "a form needs fields");
        Set<String> names = new HashSet<>();
        for (FieldDefinition field : form.fields()) {
            String where = path + " field " + field.name();
            require(field.name() != null && FIELD_NAME.matcher(field.name()).matches(), where, "name must be camelCase");
            require(names.add(field.name()), where, "duplicate field name");
            require(field.type() != null, where, "type is missing");
            require(field.label() != null && field.label().isComplete(), where, "the field needs labels zh and en");
            checkRules(form, field, where);
        }
        for (BusinessRule rule : form.rules()) {
            String where = path + " rule " + rule.kind();
            require(rule.kind() != null, path, "a rule needs a kind");
            require(rule.message() != null && rule.message().isComplete(), where, "a rule needs a message in zh and en");
            require(rule.fields().stream().allMatch(names::contains), where, "a rule names an unknown field");
            switch (rule.kind()) {
                case DIFFERENT -> require(rule.fields().size() >= 2, where, "DIFFERENT needs two fields or more");
                case REQUIRED_WHEN -> require(rule.fields().size() == 2 && rule.value() != null, where,
                        "REQUIRED_WHEN needs [required field, condition field] and a value");
            }
        }
    }

    private static void checkRules(FormDefinition form, FieldDefinition field, String where) {
        FieldRules rules = field.rules();
        if (rules.pattern() != null) {
            try {
                Pattern.compile(rules.pattern());
            } catch (PatternSyntaxException e) {
                throw new CatalogException(where + ": invalid pattern: " + e.getMessage(), e);
            }
        }
        if (rules.min() != null && rules.max() != null) {
            require(rules.min().compareTo(rules.max()) <= 0, where, "min is above max");
        }
        for (Choice choice : rules.choices()) {
            require(choice.value() != null && !choice.value().isBlank(), where, "a choice needs a value");
            require(choice.label() != null && choice.label().isComplete(), where,
                    "choice " + choice.value() + " needs labels zh and en");
        }
        switch (field.type()) {
            case CHOICE -> require(!rules.choices().isEmpty(), where, "a CHOICE field needs choices");
            case CURRENCY -> rules.choices().forEach(c -> requireCurrency(c.value(), where));
            case AMOUNT -> {
                require((rules.currency() == null) != (rules.currencyField() == null), where,
                        "an AMOUNT needs exactly one of currency and currencyField");
                if (rules.currency() != null) {
                    requireCurrency(rules.currency(), where);
                } else {
                    require(form.field(rules.currencyField()).map(f -> f.type() == FieldType.CURRENCY).orElse(false),
                            where, "currencyField must name a CURRENCY field of the form");
                }
                require(rules.min() == null || rules.min().compareTo(BigDecimal.ZERO) >= 0, where, "min is negative");
            }
            default -> {
            }
        }
    }

    private static void requireCurrency(String code, String where) {
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CatalogException(where + ": not an ISO 4217 currency: " + code, e);
        }
    }

    private static void require(boolean condition, String where, String message) {
        if (!condition) {
            throw new CatalogException(where + ": " + message);
        }
    }
}
