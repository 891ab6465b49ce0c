package io.branchlink.prefill.catalog;

/**
 * One field of a form.
 *
 * @param name the key of the value in a draft (camelCase)
 * @param idCheck whether the teller must compare the value with the customer's ID card before confirming
 */
public record FieldDefinition(String name, FieldType type, Label label, boolean required, boolean idCheck,
                              FieldRules rules) {

    public FieldDefinition {
        rules = rules == null ? FieldRules.NONE : rules;
    }
}
