package io.branchlink.demo;

import io.branchlink.demo.web.DemoWebServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The main job: starts the whole branch on the default ports with embedded everything, runs the scripted scenario,
 * prints what happened, and keeps serving until stopped. With {@code --once} it exits after the scenario: 0 only
 * when every step and every money invariant passed. The web pages (the phone app and each ITM's screen) are
 * served on port 8082. Logs below WARN are shown only with {@code --verbose}.
 */
public final class BranchDemo {

    private BranchDemo() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean once = List.of(args).contains("--once");
        boolean verbose = List.of(args).contains("--verbose");
        if (!verbose) {
            System.setProperty("logging.threshold.console", "WARN");
            System.setProperty("spring.main.banner-mode", "off");
        }
        Path workDir = Files.createDirectories(Path.of("data", "demo")).resolve("run-" + System.currentTimeMillis());
        System.out.println("BranchLink demo: starting channel-api, branch hub BR001, ITMs ITM00101, ITM00102 and"
                + " teller terminal TLR00101 in " + workDir + " ...");
        Branch branch = Branch.start(Branch.Settings.defaults(workDir));
        DemoWebServer web = DemoWebServer.start(branch, branch.settings().webPort());
        Thread stop = new Thread(() -> {
            web.close();
            branch.close();
        }, "demo-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        System.out.println("Web pages: the phone app " + web.appUrl() + ", ITM screens "
                + String.join(", ", branch.itms().stream().map(itm -> web.itmUrl(itm.terminalId()).toString())
                        .toList()) + ", the teller console " + branch.tellerConsoleUrl() + ", the fleet dashboard "
                + branch.fleetDashboardUrl() + " (" + Branch.OPERATOR_ID + " / " + Branch.OPERATOR_PASSWORD + ")");
        System.out.println();
        System.out.println("Scenario:");
        Scenario scenario = new Scenario(branch, System.out);
        List<String> failures = scenario.run();
        System.out.println();
        System.out.println("Vouchers produced (customers download them in the app, tellers at the console):");
        scenario.vouchersProduced().forEach(voucher -> System.out.printf("  %s  %s  teller %s  sha256 %s%n",
                voucher.reference(), voucher.type(), voucher.tellerId(), voucher.contentHash()));
        System.out.println();
        System.out.println(failures.isEmpty() ? "All steps passed; money invariants hold."
                : failures.size() + " step(s) failed.");
        if (once) {
            // Close in order before exiting: in the shutdown hooks the embedded PostgreSQL's own hook would stop the
            // database while channel-api's sweeps still use it.
            Runtime.getRuntime().removeShutdownHook(stop);
            stop.run();
            System.exit(failures.isEmpty() ? 0 : 1);
        }
        System.out.println();
        System.out.println("Still running: channel-api " + branch.channelApiUrl() + " (Swagger UI at /swagger-ui.html),"
                + " hub " + branch.hubUrl() + " (/api/devices as " + Branch.OPERATOR_ID + " / "
                + Branch.OPERATOR_PASSWORD + "; teller console " + branch.tellerConsoleUrl() + ", "
                + Branch.TELLER_ID + " / " + Branch.TELLER_PASSWORD + "), ISO 8583 on :" + branch.settings().isoPort()
                + ", MQTT on :" + branch.settings().mqttPort() + ".");
        System.out.println("Watch it: the phone app at " + web.appUrl() + " and the ITM screens at "
                + web.itmUrl("ITM00101") + " and " + web.itmUrl("ITM00102") + ". Ctrl-C stops everything.");
        new CountDownLatch(1).await();
    }
}
