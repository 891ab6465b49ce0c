package io.branchlink.channel.form;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.prefill.catalog.FormCatalog;
import io.branchlink.prefill.catalog.FormDefinition;
import io.branchlink.protocol.qr.QrImages;
import io.branchlink.protocol.rc.Irc;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The app's counter business: the catalog, the customer's drafts through submission and staging, their vouchers. */
@RestController
@Tag(name = "Counter business")
class FormController {

    private static final String DRAFT = "/api/v1/forms/drafts/{id}";
    private static final String REFERENCE = "{reference:V-[A-Z0-9]{1,16}-[0-9]{8}-[0-9]{6}}";

    private final FormDrafts drafts;
    private final SubmitForm submission;
    private final StageForm stageForm;
    private final FormCatalog catalog;
    private final VoucherArchive vouchers;

    FormController(FormDrafts drafts, SubmitForm submission, StageForm stageForm, FormCatalog catalog,
            VoucherArchive vouchers) {
        this.drafts = drafts;
        this.submission = submission;
        this.stageForm = stageForm;
        this.catalog = catalog;
        this.vouchers = vouchers;
    }

    @GetMapping("/api/v1/forms/catalog")
    @Operation(summary = "Every counter business type: labels, fields and rules")
    List<FormDefinition> catalog() {
        return catalog.all();
    }

    @PostMapping("/api/v1/forms/drafts")
    @Operation(summary = "Start a form; values are stored as typed and checked on submission")
    ResponseEntity<FormApi.Draft> create(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody FormApi.CreateDraft request) {
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .body(drafts.create(customer, request.type(), request.values()));
    }

    @GetMapping("/api/v1/forms/drafts")
    @Operation(summary = "The customer's forms, newest first")
    List<FormApi.Draft> list(@AuthenticationPrincipal CustomerPrincipal customer) {
        return drafts.list(customer);
    }

    @GetMapping(DRAFT)
    @Operation(summary = "One of the customer's forms")
    FormApi.Draft get(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id) {
        return drafts.get(customer, id);
    }

    @PutMapping(DRAFT)
    @Operation(summary = "Replace a draft's values (drafts only)")
    FormApi.Draft update(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id,
            @Valid @RequestBody FormApi.UpdateDraft request) {
        return drafts.update(customer, id, request.values());
    }

    @DeleteMapping(DRAFT)
    @Operation(summary = "Cancel a form that is not decided yet; a staged one is withdrawn from its branch")
    FormApi.Draft cancel(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id) {
        return drafts.cancel(customer, id);
    }

    @PostMapping(DRAFT + "/submit")
    @Operation(summary = "Validate the form in full and issue its FORM QR token; with a branch, stage it there")
    FormApi.Draft submit(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id,
            @Valid @RequestBody(required = false) FormApi.BranchChoice request) {
        return submission.submit(customer, id, request == null ? null : request.branchId());
    }

    @PostMapping(DRAFT + "/stage")
    @Operation(summary = "Stage a submitted form at a branch, or move it to another branch")
    FormApi.Draft stage(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id,
            @Valid @RequestBody FormApi.BranchChoice request) {
        return stageForm.stage(customer, id, request.branchId());
    }

    @GetMapping(value = DRAFT + "/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The form's FORM token as a PNG QR code, to show the teller")
    ResponseEntity<byte[]> qr(@AuthenticationPrincipal CustomerPrincipal customer, @PathVariable UUID id) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.noStore())
                .body(QrImages.toPng(drafts.tokenText(customer, id), 360));
    }

    @GetMapping("/api/v1/vouchers")
    @Operation(summary = "The customer's vouchers, newest first")
    List<FormApi.VoucherSummary> vouchers(@AuthenticationPrincipal CustomerPrincipal customer) {
        return vouchers.of(customer.customerId());
    }

    @GetMapping(value = "/api/v1/vouchers/" + REFERENCE, produces = MediaType.APPLICATION_PDF_VALUE)
    @Operation(summary = "One of the customer's vouchers as PDF")
    ResponseEntity<byte[]> voucher(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable String reference) {
        VoucherArchive.Stored voucher = vouchers.find(reference)
                .filter(v -> v.customerId().equals(customer.customerId()))
                .orElseThrow(() -> FormProblems.of(Irc.NOT_FOUND, "VOUCHER_NOT_FOUND", "Voucher not found"));
        return pdf(voucher);
    }

    static ResponseEntity<byte[]> pdf(VoucherArchive.Stored voucher) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .cacheControl(CacheControl.noStore())
                .header("Content-Disposition", "inline; filename=\"" + voucher.reference() + ".pdf\"")
                .header("X-Content-SHA256", voucher.contentHash())
                .body(voucher.pdf());
    }
}
