package io.branchlink.prefill.catalog;

import java.util.List;
import java.util.Optional;

/**
 * One business type of the counter, read from its definition file: its fields, cross-field rules and the
 * channel-api action that executes a confirmed form.
 *
 * @param type the business type id, UPPER_SNAKE ({@code TIME_DEPOSIT_OPENING})
 * @param action the channel-api action that executes it ({@code TIME_DEPOSIT_OPEN})
 */
public record FormDefinition(String type, Label label, String action, List<FieldDefinition> fields,
                             List<BusinessRule> rules) {

    public FormDefinition {
        fields = fields == null ? List.of() : List.copyOf(fields);
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public Optional<FieldDefinition> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The fields the teller must check against the ID card, in form order. */
    public List<FieldDefinition> idCheckFields() {
        return fields.stream().filter(FieldDefinition::idCheck).toList();
    }
}
