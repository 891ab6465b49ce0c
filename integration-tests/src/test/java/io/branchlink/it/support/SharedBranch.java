package io.branchlink.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.branchlink.demo.Branch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one running branch the end-to-end tests share, started on first use on free ports in a fresh directory and
 * stopped when the test JVM ends. Between the parts sit two fault injectors: a WireMock proxy on the hub's way to
 * channel-api (it passes everything through until a test stubs a fault) and a lossy link on the ITMs' way to the
 * hub. Tests make their own customers, so they do not disturb each other.
 */
public final class SharedBranch {

    private static Branch branch;
    private static WireMockServer channelProxy;
    private static LossyIsoLink link;

    private SharedBranch() {
    }

    public static synchronized Branch get() {
        if (branch == null) {
            try {
                Path workDir = Files.createDirectories(Path.of("target", "e2e"))
                        .resolve("run-" + System.currentTimeMillis());
                Branch.Settings settings = Branch.Settings.forTests(workDir);
                channelProxy = new WireMockServer(wireMockConfig().dynamicPort());
                channelProxy.start();
                passThrough(settings);
                link = new LossyIsoLink(settings.isoPort());
                branch = Branch.start(settings.withHubChannelUrl(channelProxy.baseUrl())
                        .withItmIsoPort(link.port()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Branch started = branch;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                channelProxy.stop();
            }, "e2e-branch-stop"));
        }
        return branch;
    }

    /** The proxy between the hub and channel-api; stubs added here win over the pass-through. */
    public static WireMockServer channelProxy() {
        get();
        return channelProxy;
    }

    /** Removes every fault stub: the hub reaches channel-api again. */
    public static void healChannel() {
        channelProxy.resetAll();
        passThrough(branch.settings());
    }

    public static LossyIsoLink link() {
        get();
        return link;
    }

    private static void passThrough(Branch.Settings settings) {
        channelProxy.stubFor(any(anyUrl()).atPriority(10)
                .willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + settings.channelPort())));
    }
}
