package io.branchlink.channel.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.branchlink.protocol.rc.Irc;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Maps each internal result code to an HTTP status and builds the problem details channel-api answers with. */
public final class Problems {

    public static final String TYPE_BASE = "https://branchlink.io/errors/";

    private Problems() {
    }

    public static HttpStatus status(Irc irc) {
        return switch (irc) {
            case APPROVED -> HttpStatus.OK;
            case DO_NOT_HONOUR, NOT_SUFFICIENT_FUNDS, EXCEEDS_LIMIT, INVALID_TRANSACTION ->
                    HttpStatus.UNPROCESSABLE_ENTITY;
            case INVALID_AMOUNT, FORMAT_ERROR, MISSING_FIELD -> HttpStatus.BAD_REQUEST;
            case TOKEN_INVALID, UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case TOKEN_EXPIRED -> HttpStatus.GONE;
            case DUPLICATE, CONFLICT -> HttpStatus.CONFLICT;
            // the risk engine's refusals are about who asks, not about the request's content
            case RISK_DECLINED, STEP_UP_REQUIRED, ACCOUNT_BLOCKED, SECURITY_VIOLATION, ACCESS_DENIED ->
                    HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case HOST_UNREACHABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case SYSTEM_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
    }

    public static ProblemDetail problem(Irc irc, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status(irc), detail);
        problem.setType(URI.create(TYPE_BASE + irc.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(title(irc));
        problem.setProperty("irc", irc.name());
        return problem;
    }

    /** Writes a problem as the whole response, for filters that answer before any controller runs. */
    public static void write(HttpServletResponse response, ObjectMapper json, Irc irc, String detail)
            throws IOException {
        ProblemDetail problem = problem(irc, detail);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String title(Irc irc) {
        String words = irc.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
