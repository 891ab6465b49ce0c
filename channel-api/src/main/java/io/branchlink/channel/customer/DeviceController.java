package io.branchlink.channel.customer;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The customer's bound phones, and binding a new one with an SMS code or approval from a bound phone. */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Sessions and devices")
class DeviceController {

    private final DeviceBinding binding;

    DeviceController(DeviceBinding binding) {
        this.binding = binding;
    }

    @PostMapping("/challenges")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Ask to bind the phone of the current session",
            description = "Opens a binding challenge (valid 5 minutes). With method SMS (the default) a 6-digit code"
                    + " goes by SMS to the customer's registered phone number; with APPROVAL the customer approves"
                    + " from a phone already bound. 503 HOST_UNREACHABLE when the SMS gateway fails: no challenge"
                    + " is left usable. 409 when this phone is already bound.")
    DeviceBinding.Challenge challenge(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody ChallengeRequest request) {
        return binding.open(customer, request.name(),
                request.method() == null ? DeviceBinding.Method.SMS : request.method());
    }

    @GetMapping("/challenges")
    @Operation(summary = "Binding challenges waiting for approval (from a bound phone only)",
            description = "The customer's open challenges: which phone asks, under which name, and when. Never a"
                    + " code. 403 ACCESS_DENIED from a phone that is not bound.")
    List<DeviceBinding.Challenge> pending(@AuthenticationPrincipal CustomerPrincipal customer) {
        return binding.pending(customer);
    }

    @PostMapping("/challenges/{challengeId}/approval")
    @Operation(summary = "Approve binding another phone (from a bound phone only)",
            description = "The new phone then binds with POST /api/v1/devices and the challenge id. Another"
                    + " customer's challenge answers 404; an expired or used one 410; approving twice changes"
                    + " nothing.")
    DeviceBinding.Challenge approve(@AuthenticationPrincipal CustomerPrincipal customer,
            @PathVariable UUID challengeId) {
        return binding.approve(customer, challengeId);
    }

    @PostMapping
    @Operation(summary = "Bind the phone of the current session to the customer",
            description = "Needs a challenge of this phone and either its SMS code or its approval from a bound"
                    + " phone; the phone is bound under the name given with the challenge. Without proof: 403"
                    + " STEP_UP_REQUIRED. A wrong code: 403 with attemptsLeft; the 5th wrong code, an expired or an"
                    + " already used challenge: 410 TOKEN_EXPIRED. A phone already bound answers 200 and stays as"
                    + " it is. A newly bound phone starts a cool-off with lower cardless limits.")
    ResponseEntity<DeviceBinding.Device> bind(@AuthenticationPrincipal CustomerPrincipal customer,
            @Valid @RequestBody BindRequest request) {
        boolean alreadyBound = customer.deviceBound();
        DeviceBinding.Device device = binding.bind(customer, request.challengeId(), request.code());
        return ResponseEntity.status(alreadyBound ? HttpStatus.OK : HttpStatus.CREATED).body(device);
    }

    @GetMapping
    @Operation(summary = "List the phones bound to the customer")
    List<DeviceBinding.Device> devices(@AuthenticationPrincipal CustomerPrincipal customer) {
        return binding.devices(customer.customerId());
    }

    /**
     * @param name what the customer calls the phone, shown to the approving phone and bound with it
     * @param method {@code SMS} (default) or {@code APPROVAL}
     */
    record ChallengeRequest(@NotBlank @Size(max = 64) String name, DeviceBinding.Method method) {
    }

    /**
     * @param challengeId the challenge this phone opened
     * @param code the 6 digits from the SMS; not needed once the challenge is approved
     * @param name ignored: the phone is bound under the name given with the challenge
     */
    record BindRequest(UUID challengeId, @Pattern(regexp = "[0-9]{6}", message = "must be 6 digits") String code,
            @Size(max = 64) String name) {

        @Override
        public String toString() {
            return "BindRequest[challengeId=" + challengeId + "]";
        }
    }
}
