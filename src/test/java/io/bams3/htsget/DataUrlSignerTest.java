package io.bams3.htsget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

class DataUrlSignerTest {
    private static final String SECRET = "sixteen-chars-secret";
    private static final long NOW = 1_800_000_000L;

    private static DataUrlSigner signerAt(long epochSecond) {
        return signerAt(SECRET, epochSecond);
    }

    private static DataUrlSigner signerAt(String secret, long epochSecond) {
        return new DataUrlSigner(
                secret, Duration.ofSeconds(600), Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
    }

    private static String query(String signed) {
        return signed.substring(signed.indexOf('?') + 1);
    }

    private static String path(String signed) {
        return signed.substring(0, signed.indexOf('?'));
    }

    @Test
    void signAppendsExpiryAndAnUnpaddedBase64UrlSignature() {
        String signed = signerAt(NOW).sign("demo/NA12878?format=BAM&region=11:0-100");
        assertThat(signed).startsWith("demo/NA12878?format=BAM&region=11:0-100&expires=1800000600&signature=");
        String signature = signed.substring(signed.lastIndexOf("signature=") + "signature=".length());
        assertThat(signature).matches("[A-Za-z0-9_-]{43}"); // 32 bytes of HMAC-SHA256, no padding
        assertThat(signerAt(NOW).sign("demo/NA12878?")).startsWith("demo/NA12878?expires=1800000600&signature=");
    }

    @Test
    void aSignedUrlVerifiesUntilItsExpirySecondAndNotAfter() {
        String signed = signerAt(NOW).sign("demo/NA12878?format=BAM");
        assertThatCode(() -> signerAt(NOW).verify(path(signed), query(signed))).doesNotThrowAnyException();
        assertThatCode(() -> signerAt(NOW + 600).verify(path(signed), query(signed)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> signerAt(NOW + 601).verify(path(signed), query(signed)))
                .isInstanceOf(HtsgetException.class)
                .hasMessageContaining("expired")
                .extracting(e -> ((HtsgetException) e).error())
                .isEqualTo(HtsgetError.PERMISSION_DENIED);
    }

    @Test
    void anEmptyQueryRoundTrips() {
        String signed = signerAt(NOW).sign("a/b?");
        assertThatCode(() -> signerAt(NOW).verify("a/b", query(signed))).doesNotThrowAnyException();
    }

    @Test
    void anAlteredQueryPathExpiryOrKeyIsRefused() {
        String signed = signerAt(NOW).sign("demo/NA12878?format=BAM&region=11:0-100");
        String q = query(signed);
        assertDenied(() -> signerAt(NOW).verify(path(signed), q.replace("11:0-100", "11:0-200")), "does not match");
        assertDenied(() -> signerAt(NOW).verify("demo/other", q), "does not match");
        assertDenied(
                () -> signerAt(NOW).verify(path(signed), q.replace("expires=1800000600", "expires=1900000000")),
                "does not match");
        assertDenied(() -> signerAt("another-secret-of-16", NOW).verify(path(signed), q), "does not match");
        assertDenied(() -> signerAt(NOW).verify(path(signed), "format=SAM&" + q), "does not match");
    }

    @Test
    void aMissingSignatureIsRefused() {
        assertDenied(() -> signerAt(NOW).verify("demo/NA12878", "format=BAM&expires=1800000600"), "not signed");
        assertDenied(() -> signerAt(NOW).verify("demo/NA12878", null), "not signed");
        // "signature=" inside another parameter's name is not the signature
        assertDenied(() -> signerAt(NOW).verify("demo/NA12878", "format=BAM&xsignature=abc"), "not signed");
    }

    @Test
    void aShortSecretIsRejected() {
        assertThatThrownBy(() -> new DataUrlSigner("fifteen-chars!!", Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new DataUrlSigner(null, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertDenied(ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(HtsgetException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((HtsgetException) e).error())
                .isEqualTo(HtsgetError.PERMISSION_DENIED);
    }
}
