package io.branchlink.demo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.RequestOptions;
import io.branchlink.agent.device.ReceiptPrinter;
import io.branchlink.channel.demo.BankSetup;
import io.branchlink.demo.Branch;
import io.branchlink.demo.counter.CounterEffort;
import io.branchlink.prefill.catalog.FieldDefinition;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.protocol.money.Money;
import io.branchlink.sim.app.SimulatedApp;
import io.branchlink.testsupport.HeadlessChromium;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow 3 through the real pages in a real browser (Debian's Chromium driven by Playwright): alice pre-fills a time
 * deposit of 3,000.00 CNY on the phone app page and shows its QR code to teller terminal TLR00101; teller T0042's
 * console shows the form with the ID-check fields highlighted, one click executes it exactly once, and the voucher
 * the console links to is the PDF the printer printed and the app lists; the books still balance.
 */
class CounterPagesIntegrationTests {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static final String TYPE = "TIME_DEPOSIT_OPENING";
    private static final String SOURCE_ACCOUNT = "6222020000000001";
    private static final Money AMOUNT = Money.parse("3000.00", "CNY");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocatorAssertions.IsVisibleOptions VISIBLE_SOON = new LocatorAssertions.IsVisibleOptions()
            .setTimeout(15_000);
    private static final LocatorAssertions.HasAttributeOptions ATTRIBUTE_SOON =
            new LocatorAssertions.HasAttributeOptions().setTimeout(15_000);
    private static final LocatorAssertions.ContainsTextOptions TEXT_SOON =
            new LocatorAssertions.ContainsTextOptions().setTimeout(15_000);

    @Test
    void aliceFormIsConfirmedOnceAtTheTellerConsoleAndHerVoucherReachesPrinterAndApp(@TempDir Path workDir)
            throws Exception {

        try (Branch branch = Branch.start(Branch.Settings.forTests(workDir));
                DemoWebServer web = DemoWebServer.start(branch, 0);
                HeadlessChromium chromium = HeadlessChromium.launch();
                BrowserContext phone = chromium.browser().newContext(new Browser.NewContextOptions().setViewportSize(390, 844));
                BrowserContext counter = chromium.browser().newContext(new Browser.NewContextOptions()
                        .setHttpCredentials(Branch.TELLER_ID, Branch.TELLER_PASSWORD).setViewportSize(1100, 900))) {
            FormCatalog catalog = branch.channelApiContext().getBean(FormCatalog.class);
            UUID aliceAccount = branch.channelApiContext().getBean(BankSetup.class).accountId(SOURCE_ACCOUNT)
                    .orElseThrow();
            SimulatedApp alice = branch.phone("alice-phone");
            alice.login("alice", "alice-demo-pass");
            Money before = alice.account(aliceAccount).balance();
            assertThat(before).isEqualTo(Money.parse("20000.00", "CNY"));

            Page app = phone.newPage();
            app.navigate(web.appUrl().toString());
            assertThat(app.locator("#username")).hasValue("alice");
            assertThat(app.locator("#password")).hasValue("alice-demo-pass");
            app.locator("#login-button").click();
            assertThat(app.locator("#accounts li").filter(new Locator.FilterOptions().setHasText("Current account")))
                    .containsText("20,000.00 CNY");
            assertThat(app.locator("#forms-card")).isVisible();
            assertThat(app.locator("#forms-card h2")).hasText("Counter business · 柜面业务");
            assertThat(app.locator("#form-type option")).hasCount(catalog.all().size());
            assertThat(optionValues(app.locator("#form-type option"))).containsExactlyElementsOf(catalog.types());

            app.locator("#form-type").selectOption(TYPE);
            for (FieldDefinition field : catalog.get(TYPE).fields()) {
                assertThat(app.locator("#field-" + field.name())).isAttached();
            }
            app.locator("#form-sample").click();
            assertThat(app.locator("#status")).hasText("Filled in from your details.");
            assertThat(app.locator("#field-customerName")).hasValue("王芳 Wang Fang");
            setField(app, "sourceAccount", SOURCE_ACCOUNT);
            setField(app, "currency", "CNY");
            setField(app, "amount", "3000.00");
            app.locator("#form-submit").click();

            Locator qrCard = app.locator("#form-qr-card");
            assertThat(qrCard).isVisible(VISIBLE_SOON);
            assertThat(app.locator("#form-summary")).containsText("定期存款开户 · Time deposit opening — staged at BR001");
            app.waitForFunction("() => document.getElementById('form-qr').naturalWidth > 0");
            String draftId = qrCard.getAttribute("data-draft-id");
            assertThat(draftId).matches("[0-9a-f-]{36}");
            app.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("app-form-qr.png"))
                    .setFullPage(true));

            // Every click and keystroke the teller makes on the console, from opening it to the executed form.
            counter.addInitScript("window.tellerInput = {clicks: 0, keys: 0};"
                    + "addEventListener('click', () => window.tellerInput.clicks++, true);"
                    + "addEventListener('keydown', () => window.tellerInput.keys++, true);");
            Page console = counter.newPage();
            console.navigate(branch.tellerConsoleUrl().toString());
            assertThat(console.locator("#session")).containsText(Branch.TELLER_ID);
            assertThat(console.locator("#session")).containsText(Branch.TELLER_TERMINAL);
            assertThat(console.locator("#idle")).isVisible();

            app.locator("#show-teller").click();
            assertThat(app.locator("#status")).containsText("Shown to the teller");

            assertThat(console.locator("#form")).isVisible(VISIBLE_SOON);
            assertThat(console.locator("#form")).hasAttribute("data-draft-id", draftId);
            assertThat(console.locator("#form-title")).containsText("定期存款开户");
            assertThat(console.locator("#form-title")).containsText("Time deposit opening");
            assertThat(console.locator("#customer")).containsText("王芳");
            List<String> idCheck = catalog.get(TYPE).fields().stream().filter(FieldDefinition::idCheck)
                    .map(FieldDefinition::name).toList();
            assertThat(idCheck).containsExactly("customerName", "idNumber");
            assertThat(console.locator("#fields tbody tr")).hasCount(catalog.get(TYPE).fields().size());
            assertThat(fieldNames(console.locator("#fields tbody tr.id-check"))).containsExactlyElementsOf(idCheck);
            for (String name : idCheck) {
                assertThat(console.locator("tr[data-field=" + name + "]")).hasClass("id-check");
            }
            assertThat(console.locator("tr[data-field=amount]")).not().hasClass("id-check");
            assertThat(console.locator("tr[data-field=amount]")).containsText("3000.00");
            assertThat(console.locator("tr[data-field=sourceAccount]")).containsText(SOURCE_ACCOUNT);
            assertThat(console.locator("#confirm")).isEnabled();
            console.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-form.png"))
                    .setFullPage(true));

            console.locator("#confirm").click();

            assertThat(console.locator("#outcome")).hasAttribute("data-outcome", "EXECUTED", ATTRIBUTE_SOON);
            assertThat(console.locator("#outcome-text")).containsText("Executed");
            assertThat(console.locator("#voucher")).isVisible();
            assertThat(console.locator("#confirm")).isDisabled();
            String voucherHref = console.locator("#voucher").evaluate("a => a.href").toString();
            String reference = URLDecoder.decode(voucherHref.substring(voucherHref.lastIndexOf('/') + 1),
                    StandardCharsets.UTF_8);
            assertThat(reference).matches("V-BR001-[0-9]{8}-[0-9]{6}");
            CounterEffort.Row model = CounterEffort.estimate(catalog, 1, 1L).stream()
                    .filter(row -> row.type().equals(TYPE)).findFirst().orElseThrow();
            assertThat(((Number) console.evaluate("() => window.tellerInput.clicks")).intValue())
                    .as("the teller's clicks, as the keystroke model counts them").isEqualTo(model.clicksWith());
            assertThat(((Number) console.evaluate("() => window.tellerInput.keys")).intValue())
                    .as("the teller's keystrokes").isEqualTo(model.keystrokesWith());
            console.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("console-executed.png"))
                    .setFullPage(true));

            // A click on the disabled button, a reload and a second tab all show the one outcome.
            console.locator("#confirm").click(new Locator.ClickOptions().setForce(true));
            console.reload();
            assertThat(console.locator("#outcome")).hasAttribute("data-outcome", "EXECUTED", ATTRIBUTE_SOON);
            assertThat(console.locator("#form")).hasAttribute("data-draft-id", draftId);
            assertThat(console.locator("#voucher")).hasAttribute("href", "api/vouchers/" + reference);
            assertThat(console.locator("#confirm")).isDisabled();
            JsonNode again = confirmFromASecondTab(counter, branch.tellerConsoleUrl(), draftId);
            assertThat(again.path("outcome").asText()).isEqualTo("EXECUTED");
            assertThat(again.path("voucherReference").asText()).isEqualTo(reference);

            APIResponse pdf = counter.request().get(voucherHref);
            assertThat(pdf.status()).isEqualTo(200);
            assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
            String text = pdfText(pdf.body());
            assertThat(text).contains(reference, "定期存款开户", "Time deposit opening", "王芳", "3000.00 CNY",
                    Branch.TELLER_ID);

            assertThat(app.locator("#status")).containsText("Counter business executed", TEXT_SOON);
            assertThat(app.locator("#status.error")).hasCount(0);
            assertThat(app.locator("#vouchers li")).hasCount(1);
            assertThat(app.locator("#vouchers .voucher-link")).hasText(reference);
            assertThat(app.locator("#vouchers li")).containsText("定期存款开户 Time deposit opening");
            // one button: the app sends the voucher as downloaded to the bank's seal check (docs/seals.md)
            app.locator("#vouchers button.verify-seal").click();
            assertThat(app.locator("#vouchers .seal-verdict.sealed"))
                    .containsText("Sealed by the bank ✓ key bank-seal", TEXT_SOON);
            assertThat(app.locator("#vouchers .seal-verdict")).containsText("consent: FORM_SUBMISSION");
            assertThat(app.locator("#accounts li").filter(new Locator.FilterOptions().setHasText("Current account")))
                    .containsText("17,000.00 CNY", TEXT_SOON);

            await().atMost(Duration.ofSeconds(10)).until(() -> printed(branch, reference) > 0);
            assertThat(printed(branch, reference)).isEqualTo(1);
            assertThat(branch.counter().printer().documents()).filteredOn(d -> d.reference().equals(reference))
                    .singleElement().satisfies(d -> assertThat(d.pdf()).isEqualTo(pdf.body()));
            assertThat(alice.account(aliceAccount).balance()).isEqualTo(before.minus(AMOUNT));
            assertThat(alice.vouchers()).extracting(SimulatedApp.Voucher::reference).containsExactly(reference);
            assertThat(alice.draft(draftId).status()).isEqualTo("EXECUTED");
            assertThat(branch.moneyInvariantViolations()).isEmpty();
        }
    }

    /** Types a value into a text field or picks it in a choice field, as the customer would. */
    private static void setField(Page page, String name, String value) {
        Locator input = page.locator("#field-" + name);
        if ("SELECT".equals(input.evaluate("e => e.tagName"))) {
            input.selectOption(value);
        } else {
            input.fill(value);
        }
        assertThat(input).hasValue(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> optionValues(Locator options) {
        return (List<String>) options.evaluateAll("options => options.map(o => o.value)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldNames(Locator rows) {
        return (List<String>) rows.evaluateAll("rows => rows.map(r => r.dataset.field)");
    }

    /**
     * What a second console tab of the same teller gets for the same form: the console's confirmation id, sent
     * again with the CSRF cookie echoed as the page does.
     */
    private static JsonNode confirmFromASecondTab(BrowserContext counter, URI console, String draftId)
            throws Exception {
        APIResponse current = counter.request().get(console.resolve("api/current").toString());
        assertThat(current.status()).isEqualTo(200);
        String confirmationId = JSON.readTree(current.body()).path("form").path("confirmationId").asText();
        assertThat(confirmationId).isNotBlank();
        String csrf = counter.cookies(console.toString()).stream().filter(c -> c.name.equals("XSRF-TOKEN"))
                .map(c -> c.value).findFirst().orElseThrow();
        APIResponse answer = counter.request().post(console.resolve("api/forms/" + draftId + "/confirm").toString(),
                RequestOptions.create().setHeader("X-XSRF-TOKEN", URLDecoder.decode(csrf, StandardCharsets.UTF_8))
                        .setData(Map.of("confirmationId", confirmationId)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    private static long printed(Branch branch, String reference) {
        List<ReceiptPrinter.PrintedDocument> documents = branch.counter().printer().documents();
        return documents.stream().filter(d -> d.reference().equals(reference)).count();
    }
}
