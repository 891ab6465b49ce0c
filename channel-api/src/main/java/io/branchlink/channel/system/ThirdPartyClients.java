package io.branchlink.channel.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of a third party channel-api calls (SMS gateway, identity provider, credit bureau, clearing
 * system): HTTP/1.1, the party's connect and read timeouts, its base URL and its API key in {@link #API_KEY_HEADER}
 * on every request. One place, so that every third party gets the same timeouts' treatment.
 */
public final class ThirdPartyClients {

    /** The header every third party's API key travels in. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    private ThirdPartyClients() {
    }

    /** A client of the third party at {@code baseUrl}, from the application's {@code builder} (left unchanged). */
    public static RestClient restClient(RestClient.Builder builder, URI baseUrl, String apiKey,
            Duration connectTimeout, Duration readTimeout) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build());
        factory.setReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(baseUrl.toString())
                .requestFactory(factory)
                .defaultHeader(API_KEY_HEADER, apiKey)
                .build();
    }
}
