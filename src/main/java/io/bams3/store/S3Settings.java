package io.bams3.store;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to reach S3 or an S3-compatible store. Everything is optional: without settings the SDK's
 * default credential and region chains apply (environment, profile, instance role). A custom
 * endpoint (MinIO, Ceph, R2, S3Mock) switches to path-style addressing unless told otherwise.
 *
 * @param endpoint       custom endpoint, e.g. http://127.0.0.1:9000 ({@code AWS_ENDPOINT_URL})
 * @param region         region; default chain, else us-east-1 for a custom endpoint
 * @param pathStyle      path-style addressing; default: on iff a custom endpoint is set
 * @param profile        named profile ({@code AWS_PROFILE} is read by the SDK itself)
 * @param accessKey      static credentials (with {@code secretKey}); default chain otherwise
 * @param anonymous      unsigned requests, no credentials looked up (public buckets; aws-cli's
 *                       {@code --no-sign-request}); takes precedence over any credentials
 * @param requesterPays  every request, presigned URLs included, says the requester pays
 *                       ({@code x-amz-request-payer: requester}) for requester-pays buckets
 * @param encryption     server-side encryption asked for on every object written; empty: the
 *                       bucket's default
 * @param maxConnections connection pool size; at least the read parallelism
 * @param parallelism    ranges fetched at once per query, parts uploaded at once per conversion
 * @param maxAttempts    attempts per request (SDK standard retry strategy: backoff with jitter)
 */
public record S3Settings(
        Optional<URI> endpoint,
        Optional<String> region,
        Optional<Boolean> pathStyle,
        Optional<String> profile,
        Optional<String> accessKey,
        Optional<String> secretKey,
        boolean anonymous,
        boolean requesterPays,
        Optional<S3Encryption> encryption,
        int maxConnections,
        int parallelism,
        int maxAttempts,
        Duration connectTimeout,
        Duration readTimeout,
        Duration apiCallTimeout) {

    public static S3Settings defaults() {
        return new S3Settings(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                false,
                Optional.empty(),
                32,
                8,
                5,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30),
                Duration.ofMinutes(10));
    }

    /** Defaults plus {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL} from the environment. */
    public static S3Settings fromEnvironment(Map<String, String> env) {
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_S3", env.get("AWS_ENDPOINT_URL"));
        S3Settings s = defaults();
        return endpoint == null || endpoint.isBlank() ? s : s.withEndpoint(URI.create(endpoint));
    }

    /** These settings with each given (non-null) option replacing its value. */
    public S3Settings overriddenBy(URI endpointUrl, String regionName, String profileName, Boolean pathStyleOn) {
        S3Settings s = this;
        if (endpointUrl != null) s = s.withEndpoint(endpointUrl);
        if (regionName != null) s = s.withRegion(regionName);
        if (profileName != null) s = s.withProfile(profileName);
        if (pathStyleOn != null) s = s.withPathStyle(pathStyleOn);
        return s;
    }

    public S3Settings withEndpoint(URI uri) {
        return with(f -> f.endpoint = Optional.of(uri));
    }

    public S3Settings withRegion(String r) {
        return with(f -> f.region = Optional.of(r));
    }

    public S3Settings withPathStyle(boolean on) {
        return with(f -> f.pathStyle = Optional.of(on));
    }

    public S3Settings withProfile(String p) {
        return with(f -> f.profile = Optional.of(p));
    }

    public S3Settings withCredentials(String key, String secret) {
        return with(f -> {
            f.accessKey = Optional.of(key);
            f.secretKey = Optional.of(secret);
        });
    }

    public S3Settings withRetries(int attempts, Duration connect, Duration read, Duration apiCall) {
        return with(f -> {
            f.maxAttempts = attempts;
            f.connectTimeout = connect;
            f.readTimeout = read;
            f.apiCallTimeout = apiCall;
        });
    }

    /** These settings with unsigned requests (anonymous access to public buckets) on or off. */
    public S3Settings withAnonymous(boolean on) {
        return with(f -> f.anonymous = on);
    }

    /** These settings with requests that say the requester pays, or not. */
    public S3Settings withRequesterPays(boolean on) {
        return with(f -> f.requesterPays = on);
    }

    /** These settings with writes asking for {@code sse}. */
    public S3Settings withEncryption(S3Encryption sse) {
        return with(f -> f.encryption = Optional.of(sse));
    }

    /** A copy of these settings with {@code change} made to its fields. */
    private S3Settings with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.settings();
    }

    /** The fields of a settings record, for a copy that changes a few of them. */
    private static final class Fields {
        Optional<URI> endpoint;
        Optional<String> region;
        Optional<Boolean> pathStyle;
        Optional<String> profile;
        Optional<String> accessKey;
        Optional<String> secretKey;
        boolean anonymous;
        boolean requesterPays;
        Optional<S3Encryption> encryption;
        int maxConnections;
        int parallelism;
        int maxAttempts;
        Duration connectTimeout;
        Duration readTimeout;
        Duration apiCallTimeout;

        Fields(S3Settings s) {
            endpoint = s.endpoint;
            region = s.region;
            pathStyle = s.pathStyle;
            profile = s.profile;
            accessKey = s.accessKey;
            secretKey = s.secretKey;
            anonymous = s.anonymous;
            requesterPays = s.requesterPays;
            encryption = s.encryption;
            maxConnections = s.maxConnections;
            parallelism = s.parallelism;
            maxAttempts = s.maxAttempts;
            connectTimeout = s.connectTimeout;
            readTimeout = s.readTimeout;
            apiCallTimeout = s.apiCallTimeout;
        }

        S3Settings settings() {
            return new S3Settings(
                    endpoint,
                    region,
                    pathStyle,
                    profile,
                    accessKey,
                    secretKey,
                    anonymous,
                    requesterPays,
                    encryption,
                    maxConnections,
                    parallelism,
                    maxAttempts,
                    connectTimeout,
                    readTimeout,
                    apiCallTimeout);
        }
    }

    public boolean usesPathStyle() {
        return pathStyle.orElse(endpoint.isPresent());
    }
}
