package io.branchlink.demo.web;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.security.InvalidKeyException;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** Codes as an authenticator app computes them from the Base32 key it scanned off the app page: SHA-1, 6 digits, 30 s. */
final class AuthenticatorApp {

    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator();

    private AuthenticatorApp() {
    }

    static String code(String base32Secret, Instant at) {
        try {
            return GENERATOR.generateOneTimePasswordString(
                    new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"), at, Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
