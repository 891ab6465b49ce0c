package io.branchlink.channel.onboarding.internal;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Onboarding from the app. There is no default resident-ID key: without one, onboarding answers 503 (nothing else
 * in channel-api needs it), and only the demo profile and the tests set one.
 *
 * @param residentIdKey Base64 of 32 random bytes: the key of the resident ID numbers' keyed hash (HMAC-SHA256) and of
 *         their encryption while an onboarding is open (AES-256-GCM), each through a key derived from it
 * @param codeTtl how long an onboarding (its SMS code) can be completed
 * @param maxCodeAttempts wrong codes after which the onboarding is dead
 * @param maxPerPhonePerHour onboardings one phone number may start in an hour (each sends an SMS)
 * @param minimumAge the youngest age, in whole years, at which an account is opened online
 * @param zone the time zone of the birthday that makes a customer a year older
 * @param sweepInterval how often the resident ID numbers of expired onboardings are erased
 */
@ConfigurationProperties("branchlink.channel.onboarding")
@Validated
record OnboardingProperties(String residentIdKey, @NotNull @DefaultValue("5m") Duration codeTtl,
        @Min(1) @DefaultValue("5") int maxCodeAttempts, @Min(1) @DefaultValue("3") int maxPerPhonePerHour,
        @Min(0) @DefaultValue("18") int minimumAge, @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone,
        @NotNull @DefaultValue("5m") Duration sweepInterval) {

    static final String KEY_PROPERTY = "branchlink.channel.onboarding.resident-id-key";

    OnboardingProperties {
        if (residentIdKey != null && !residentIdKey.isBlank()) {
            keyBytes(residentIdKey);
        }
    }

    boolean configured() {
        return residentIdKey != null && !residentIdKey.isBlank();
    }

    byte[] key() {
        return keyBytes(residentIdKey);
    }

    private static byte[] keyBytes(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY_PROPERTY + " must be Base64 (of 32 random bytes)");
        }
        if (key.length != 32) {
            throw new IllegalArgumentException(KEY_PROPERTY + " must be Base64 of 32 bytes, not " + key.length
                    + " bytes");
        }
        return key;
    }

    @Override
    public String toString() {
        return "OnboardingProperties[residentIdKey=" + (configured() ? "(set)" : "unset") + ", codeTtl=" + codeTtl
                + ", maxCodeAttempts=" + maxCodeAttempts + ", maxPerPhonePerHour=" + maxPerPhonePerHour
                + ", minimumAge=" + minimumAge + ", zone=" + zone + ", sweepInterval=" + sweepInterval + "]";
    }
}
