package io.bams3.htsget;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs data endpoint URLs so they cannot be replayed for other data or after they expire: an
 * {@code expires} parameter (epoch seconds) and, last, a {@code signature} parameter holding
 * HMAC-SHA256 over the URL's path below the data endpoint and its query string up to the signature.
 */
public final class DataUrlSigner {
    public static final String EXPIRES = "expires";
    public static final String SIGNATURE = "signature";
    /** Fewest characters a signing secret may have. */
    public static final int MIN_SECRET_LENGTH = 16;

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public DataUrlSigner(String secret, Duration lifetime, Clock clock) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "the data URL signing secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * Appends {@code expires} and {@code signature} to {@code pathAndQuery} (the encoded path
     * below the data endpoint, '?', and an encoded query string, which may be empty).
     */
    public String sign(String pathAndQuery) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String unsigned = pathAndQuery + (pathAndQuery.endsWith("?") ? "" : "&") + EXPIRES + "=" + expires;
        return unsigned + "&" + SIGNATURE + "=" + mac(unsigned);
    }

    /**
     * Checks a request's encoded path below the data endpoint and its raw query string; throws
     * PermissionDenied when the signature is missing, wrong or expired.
     */
    public void verify(String path, String rawQuery) {
        String query = rawQuery == null ? "" : rawQuery;
        int at = query.lastIndexOf(SIGNATURE + "=");
        if (at < 0 || (at > 0 && query.charAt(at - 1) != '&')) {
            throw HtsgetError.PERMISSION_DENIED.exception("this data URL is not signed; get a fresh one from a ticket");
        }
        String unsigned = path + "?" + query.substring(0, Math.max(0, at - 1));
        String given = query.substring(at + SIGNATURE.length() + 1);
        if (!MessageDigest.isEqual(
                mac(unsigned).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw HtsgetError.PERMISSION_DENIED.exception(
                    "the data URL signature does not match; get a fresh one from a ticket");
        }
        long expires = expiry(query);
        if (clock.instant().getEpochSecond() > expires) {
            throw HtsgetError.PERMISSION_DENIED.exception("this data URL expired; get a fresh one from a ticket");
        }
    }

    private static long expiry(String query) {
        for (String p : query.split("&")) {
            if (p.startsWith(EXPIRES + "=")) {
                try {
                    return Long.parseLong(p.substring(EXPIRES.length() + 1));
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw HtsgetError.PERMISSION_DENIED.exception("this data URL has no valid expiry");
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
