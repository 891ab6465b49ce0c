package io.branchlink.prefill.validation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of validating one form: no errors, or every error found, in form order. */
public record ValidationResult(List<FieldError> errors) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    /** Field name → English message; with several errors on a field, the first one. */
    public Map<String, String> messages() {
        Map<String, String> messages = new LinkedHashMap<>();
        errors.forEach(e -> messages.putIfAbsent(e.field(), e.message()));
        return messages;
    }

    /** Field name → Chinese message; with several errors on a field, the first one. */
    public Map<String, String> messagesZh() {
        Map<String, String> messages = new LinkedHashMap<>();
        errors.forEach(e -> messages.putIfAbsent(e.field(), e.messageZh()));
        return messages;
    }

    /** Field name → error code; with several errors on a field, the first one. */
    public Map<String, String> codes() {
        Map<String, String> codes = new LinkedHashMap<>();
        errors.forEach(e -> codes.putIfAbsent(e.field(), e.code()));
        return codes;
    }
}
