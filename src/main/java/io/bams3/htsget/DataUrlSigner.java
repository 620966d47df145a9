package io.bams3.htsget;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs data endpoint URLs so they cannot be replayed for other data or after they expire: a
 * {@code kid} parameter (which key signed), an {@code expires} parameter (epoch seconds) and, last,
 * a {@code signature} parameter holding HMAC-SHA256 over the URL's path below the data endpoint
 * and its query string up to the signature. The first secret signs; every secret verifies, so a
 * new secret can be put first while URLs signed with the old one run out.
 */
public final class DataUrlSigner {
    public static final String KEY_ID = "kid";
    public static final String EXPIRES = "expires";
    public static final String SIGNATURE = "signature";
    /** Fewest characters a signing secret may have. */
    public static final int MIN_SECRET_LENGTH = 16;

    /** Keys by key id, the signing key first. */
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    private final String signingKeyId;
    private final Duration lifetime;
    private final Clock clock;

    public DataUrlSigner(String secret, Duration lifetime, Clock clock) {
        this(secret == null ? null : List.of(secret), lifetime, clock);
    }

    /** {@code secrets}: the one that signs first, then those that still verify. */
    public DataUrlSigner(List<String> secrets, Duration lifetime, Clock clock) {
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("a data URL signer needs a secret");
        }
        for (String secret : secrets) {
            if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalArgumentException(
                        "a data URL signing secret must have at least " + MIN_SECRET_LENGTH + " characters");
            }
            keys.putIfAbsent(keyId(secret), new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
        this.signingKeyId = keys.keySet().iterator().next();
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /**
     * The public name of a secret: 8 characters of its salted SHA-256, enough to pick the key
     * and useless for guessing it.
     */
    static String keyId(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("bams3 data URL key\0" + secret).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(digest)
                    .substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** How long a signed URL stays valid. */
    public Duration lifetime() {
        return lifetime;
    }

    /**
     * Appends {@code kid}, {@code expires} and {@code signature} to {@code pathAndQuery} (the
     * encoded path below the data endpoint, '?', and an encoded query string, which may be empty).
     */
    public String sign(String pathAndQuery) {
        long expires = clock.instant().plus(lifetime).getEpochSecond();
        String unsigned = pathAndQuery + (pathAndQuery.endsWith("?") ? "" : "&") + KEY_ID + "=" + signingKeyId + "&"
                + EXPIRES + "=" + expires;
        return unsigned + "&" + SIGNATURE + "=" + mac(keys.get(signingKeyId), unsigned);
    }

    /**
     * Checks a request's encoded path below the data endpoint and its raw query string; throws
     * PermissionDenied when the signature is missing, wrong, by an unknown key, or expired.
     */
    public void verify(String path, String rawQuery) {
        String query = rawQuery == null ? "" : rawQuery;
        int at = query.lastIndexOf(SIGNATURE + "=");
        if (at < 0 || (at > 0 && query.charAt(at - 1) != '&')) {
            throw HtsgetError.PERMISSION_DENIED.exception("this data URL is not signed; get a fresh one from a ticket");
        }
        String signedPart = query.substring(0, Math.max(0, at - 1));
        String unsigned = path + "?" + signedPart;
        String given = query.substring(at + SIGNATURE.length() + 1);
        SecretKeySpec key = keys.get(parameter(signedPart, KEY_ID));
        if (key == null) {
            throw HtsgetError.PERMISSION_DENIED.exception(
                    "this data URL was signed with a key this server does not hold; get a fresh one from a ticket");
        }
        if (!MessageDigest.isEqual(
                mac(key, unsigned).getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            throw HtsgetError.PERMISSION_DENIED.exception(
                    "the data URL signature does not match; get a fresh one from a ticket");
        }
        long expires;
        try {
            expires = Long.parseLong(parameter(signedPart, EXPIRES));
        } catch (NumberFormatException e) {
            throw HtsgetError.PERMISSION_DENIED.exception("this data URL has no valid expiry");
        }
        if (clock.instant().getEpochSecond() > expires) {
            throw HtsgetError.PERMISSION_DENIED.exception("this data URL expired; get a fresh one from a ticket");
        }
    }

    /** The value of the last parameter {@code name} of a raw query, or "" when there is none. */
    private static String parameter(String query, String name) {
        String value = "";
        for (String p : query.split("&")) {
            if (p.startsWith(name + "=")) {
                value = p.substring(name.length() + 1);
            }
        }
        return value;
    }

    private static String mac(SecretKeySpec key, String data) {
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
