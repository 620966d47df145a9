package io.bams3.htsget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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

    private static final String KID = DataUrlSigner.keyId(SECRET);

    @Test
    void signAppendsKeyIdExpiryAndAnUnpaddedBase64UrlSignature() {
        assertThat(KID).matches("[A-Za-z0-9_-]{8}").isNotEqualTo(DataUrlSigner.keyId("another-secret-of-16"));
        String signed = signerAt(NOW).sign("demo/NA12878?format=BAM&interval=11:0-100");
        assertThat(signed)
                .startsWith("demo/NA12878?format=BAM&interval=11:0-100&kid=" + KID + "&expires=1800000600&signature=");
        String signature = signed.substring(signed.lastIndexOf("signature=") + "signature=".length());
        assertThat(signature).matches("[A-Za-z0-9_-]{43}"); // 32 bytes of HMAC-SHA256, no padding
        assertThat(signerAt(NOW).sign("demo/NA12878?"))
                .startsWith("demo/NA12878?kid=" + KID + "&expires=1800000600&signature=");
    }

    @Test
    void aNewSecretSignsWhileThePreviousStillVerifies() {
        Clock now = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
        String old = signerAt(NOW).sign("demo/NA12878?format=BAM");
        DataUrlSigner rotated =
                new DataUrlSigner(List.of("a-brand-new-secret-16", SECRET), Duration.ofSeconds(600), now);
        String fresh = rotated.sign("demo/NA12878?format=BAM");
        assertThat(fresh).contains("kid=" + DataUrlSigner.keyId("a-brand-new-secret-16") + "&");
        assertThatCode(() -> rotated.verify(path(old), query(old))).doesNotThrowAnyException();
        assertThatCode(() -> rotated.verify(path(fresh), query(fresh))).doesNotThrowAnyException();
        // once the old secret is dropped, its URLs are refused by key id
        DataUrlSigner retired = new DataUrlSigner(List.of("a-brand-new-secret-16"), Duration.ofSeconds(600), now);
        assertDenied(() -> retired.verify(path(old), query(old)), "a key this server does not hold");
        // a URL that names the new key but was signed with the old one does not match
        String forged = old.replace("kid=" + KID, "kid=" + DataUrlSigner.keyId("a-brand-new-secret-16"));
        assertDenied(() -> rotated.verify(path(forged), query(forged)), "does not match");
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
        String signed = signerAt(NOW).sign("demo/NA12878?format=BAM&interval=11:0-100");
        String q = query(signed);
        assertDenied(() -> signerAt(NOW).verify(path(signed), q.replace("11:0-100", "11:0-200")), "does not match");
        assertDenied(() -> signerAt(NOW).verify("demo/other", q), "does not match");
        assertDenied(
                () -> signerAt(NOW).verify(path(signed), q.replace("expires=1800000600", "expires=1900000000")),
                "does not match");
        assertDenied(
                () -> signerAt("another-secret-of-16", NOW).verify(path(signed), q), "a key this server does not hold");
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
        assertThatThrownBy(() -> new DataUrlSigner((String) null, Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DataUrlSigner(List.of(SECRET, "short"), Duration.ofMinutes(1), Clock.systemUTC()))
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
