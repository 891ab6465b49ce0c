package io.branchlink.channel.system;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.branchlink.protocol.json.JsonInputLimits;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into an RFC 9457 problem with an {@code irc} property: validation errors list each bad field,
 * and unexpected exceptions become {@code SYSTEM_ERROR} without their text.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final MeterRegistry meters;

    ApiExceptionHandler(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        ex.getBindingResult().getFieldErrors()
                .forEach(error -> fields.putIfAbsent(error.getField(), error.getDefaultMessage()));
        ProblemDetail problem = Problems.problem(Irc.FORMAT_ERROR, "The request has invalid fields.");
        problem.setProperty("fields", fields);
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem;
        if (ex.getCause() instanceof StreamConstraintsException) {
            problem = Problems.problem(Irc.FORMAT_ERROR, "The request body exceeds the input limits: numbers of at"
                    + " most " + JsonInputLimits.MAX_NUMBER_LENGTH + " characters, strings of at most "
                    + JsonInputLimits.MAX_STRING_LENGTH + ", nesting at most " + JsonInputLimits.MAX_NESTING_DEPTH
                    + " deep.");
        } else if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = Problems.problem(Irc.FORMAT_ERROR, "The request has invalid fields.");
            problem.setProperty("fields", Map.of(path(mapping), expected(mapping)));
        } else {
            problem = Problems.problem(Irc.FORMAT_ERROR, "The request body is not valid JSON for this call.");
        }
        log.info("refused request body irc=FORMAT_ERROR detail=\"{}\" fields={}", problem.getDetail(),
                problem.getProperties() == null ? Map.of() : problem.getProperties().getOrDefault("fields", Map.of()));
        meters.counter("branchlink.channel.requests.refused", "irc", Irc.FORMAT_ERROR.name(), "reason", "body")
                .increment();
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    /** The field as a client names it: {@code amount}, {@code values.amount}, {@code items[2].name}. */
    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    /** What the field must be, in words safe to show: never the value sent, never a Java type name. */
    private static String expected(JsonMappingException mapping) {
        if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                && (format.getTargetType() == BigDecimal.class || format.getTargetType() == String.class)) {
            return "must be " + format.getOriginalMessage();
        }
        Class<?> type = mapping instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : null;
        if (type == null) {
            return "is invalid";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class || type == short.class) {
            return "must be a JSON number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == String.class || type.isEnum() || type == UUID.class) {
            return "must be a JSON string";
        }
        return "has the wrong type";
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException ex) {
        ProblemDetail problem = Problems.problem(Irc.FORMAT_ERROR, "Parameter '" + ex.getName() + "' is malformed.");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        log.error("unexpected failure", ex);
        ProblemDetail problem = Problems.problem(Irc.SYSTEM_ERROR, "The request could not be completed.");
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
