package io.branchlink.prefill.catalog;

import java.util.List;

/**
 * A rule across fields of one form, stated in the definition file.
 *
 * <ul>
 *   <li>{@code DIFFERENT}: the named fields must not hold equal values (the error goes on the last one).</li>
 *   <li>{@code REQUIRED_WHEN}: {@code fields[0]} is required when {@code fields[1]} equals {@code value}.</li>
 * </ul>
 */
public record BusinessRule(Kind kind, List<String> fields, String value, Label message) {

    public enum Kind { DIFFERENT, REQUIRED_WHEN }

    public BusinessRule {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
