package io.branchlink.sim.app;

import io.branchlink.prefill.validation.FieldError;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * channel-api refused a form with {@code 422}: {@link #errors()} names every bad field ({@code *} for the form as a
 * whole), with the codes and messages of {@code prefill}'s validator.
 */
public final class FormInvalidException extends AppException {

    private final List<FieldError> errors;

    FormInvalidException(int status, String code, List<FieldError> errors) {
        super(status, code, errors.stream().map(e -> e.field() + " " + e.code()).collect(Collectors.joining(", ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Field name → error code; with several errors on a field, the first one. */
    public Map<String, String> codes() {
        return errors.stream().collect(Collectors.toMap(FieldError::field, FieldError::code, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }
}
