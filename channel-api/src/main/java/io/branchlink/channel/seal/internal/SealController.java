package io.branchlink.channel.seal.internal;

import io.branchlink.channel.seal.BankSeal;
import io.branchlink.channel.seal.SealVerification;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.rc.Irc;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A logged-in customer (the {@code /api/v1/**} bearer session) asks whether the bank sealed a PDF they hold (a voucher, a loan contract): the raw PDF as
 * the body ({@code Content-Type: application/pdf}), at most {@code branchlink.channel.seal.max-document-size}.
 * Anyone else verifies with a PDF reader or {@code openssl cms} against the bank's published seal certificates
 * (docs/seals.md).
 */
@RestController
@Tag(name = "Seals")
class SealController {

    private static final Logger log = LoggerFactory.getLogger(SealController.class);

    private final BankSeal seal;
    private final SealProperties properties;
    private final MeterRegistry meters;

    SealController(BankSeal seal, SealProperties properties, MeterRegistry meters) {
        this.seal = seal;
        this.properties = properties;
        this.meters = meters;
    }

    @PostMapping(value = "/api/v1/seals/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check whether the bank sealed a PDF and whether it changed since",
            description = "The body is the PDF itself (application/pdf, at most max-document-size, 4 MB by"
                    + " default). The answer says valid or not with the verdict (SEALED, NOT_SEALED, CHANGED,"
                    + " UNKNOWN_KEY, SEALED_AFTER_RETIREMENT), the bank's key id, the signing time, whether the"
                    + " document changed after sealing and the customer's consent it carries. 400 FORMAT_ERROR"
                    + " with code NOT_A_PDF, PDF_UNREADABLE, DOCUMENT_TOO_LARGE or EMPTY_DOCUMENT for what is not a"
                    + " readable PDF.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_PDF_VALUE,
                            schema = @Schema(type = "string", format = "binary"))))
    SealVerification verify(HttpServletRequest request) throws IOException {
        if (!pdf(request.getContentType())) {
            throw refused("NOT_A_PDF", "Send the PDF itself with Content-Type application/pdf.");
        }
        long max = properties.maxDocumentSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw refused("DOCUMENT_TOO_LARGE", "A document to verify is at most " + max + " bytes.");
        }
        byte[] pdf;
        try (InputStream in = request.getInputStream()) {
            pdf = in.readNBytes((int) max + 1);
        }
        if (pdf.length > max) {
            throw refused("DOCUMENT_TOO_LARGE", "A document to verify is at most " + max + " bytes.");
        }
        if (pdf.length == 0) {
            throw refused("EMPTY_DOCUMENT", "Send the PDF to verify as the request body.");
        }
        return seal.verify(pdf);
    }

    private static boolean pdf(String contentType) {
        try {
            return contentType != null && MediaType.APPLICATION_PDF.isCompatibleWith(
                    MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private ApiException refused(String code, String detail) {
        meters.counter("branchlink.seal.refusals", "code", code).increment();
        log.info("seal verification refused code={}", code);
        ApiException problem = new ApiException(Irc.FORMAT_ERROR, detail);
        problem.getBody().setProperty("code", code);
        return problem;
    }
}
