package io.branchlink.channel.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A small HTTP client for tests: every call returns status, headers and body, whatever the status. */
public final class Api {

    private final RestClient client;
    private final ObjectMapper json = new ObjectMapper();

    public Api(int port) {
        this.client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    public Response get(String path, String authorization) {
        return call(HttpMethod.GET, path, authorization, null);
    }

    public Response post(String path, String authorization, Object body) {
        return call(HttpMethod.POST, path, authorization, body);
    }

    public Response delete(String path, String authorization) {
        return call(HttpMethod.DELETE, path, authorization, null);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    public static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public Response call(HttpMethod method, String path, String authorization, Object body) {
        return call(method, path, authorization, body, new HttpHeaders());
    }

    /** A call with further request headers, such as {@code X-Forwarded-For}. */
    public Response call(HttpMethod method, String path, String authorization, Object body, HttpHeaders headers) {
        RestClient.RequestBodySpec spec = client.method(method).uri(path).headers(h -> h.addAll(headers));
        if (authorization != null) {
            spec.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            return new Response(response.getStatusCode().value(), response.getHeaders(), bytes, parse(bytes,
                    response.getHeaders().getContentType()));
        });
    }

    private JsonNode parse(byte[] bytes, MediaType type) {
        if (bytes.length == 0 || type == null || !type.getSubtype().contains("json")) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Response(int status, HttpHeaders headers, byte[] bytes, JsonNode body) {

        public String text(String field) {
            return body.path(field).asText(null);
        }

        public String irc() {
            return text("irc");
        }
    }
}
