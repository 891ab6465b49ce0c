/**
 * Passkeys on bound phones, the biometric step-up factor: a bound phone registers a WebAuthn credential (its
 * platform authenticator behind the biometric unlock), and {@link io.branchlink.channel.passkey.Passkeys#verify}
 * checks an assertion made with it against a single-use challenge bound to the customer and the phone. Options,
 * verification with webauthn4j, storage and the app's endpoints are in {@code internal}. The {@code stepup} module
 * asks for it when a risk STEP_UP lists BIOMETRIC; see docs/channel-api.md, "Passkeys (biometric)".
 *
 * @see io.branchlink.channel.passkey.PasskeyIntegrationTests
 */
package io.branchlink.channel.passkey;
