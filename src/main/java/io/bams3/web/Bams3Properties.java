package io.bams3.web;

import io.bams3.htsget.TicketMode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The server's settings ({@code bams3.*}; as environment variables {@code BAMS3_...}, e.g.
 * {@code BAMS3_TICKETS_MODE=presigned}, {@code BAMS3_ROOTS_0_LOCATION=s3://bucket/datasets}).
 */
@ConfigurationProperties("bams3")
public record Bams3Properties(
        @DefaultValue List<Root> roots,
        @DefaultValue Tickets tickets,
        @DefaultValue Cache cache,
        @DefaultValue Limits limits,
        @DefaultValue S3 s3,
        @DefaultValue Cors cors,
        @DefaultValue Demo demo,
        @DefaultValue Info info,
        @DefaultValue ApiDocs apiDocs,
        @DefaultValue Cohorts cohorts,
        @DefaultValue List<Reference> references) {

    /**
     * Cohort reads. {@code bufferBytes}: bytes of fetched ranges one cohort stream buffers at most,
     * for all its members together (each member gets two pieces of an equal share); the fetches
     * run on the shared {@code bams3.limits.fetch-threads}, whose number bounds requests in flight.
     */
    public record Cohorts(@DefaultValue("64MB") DataSize bufferBytes) {}

    /**
     * Where datasets live. Id {@code X} is {@code location/X.bams3} ({@code suffix}); with
     * {@code idPrefix} only ids starting with it, minus the prefix; with {@code idPattern} only
     * matching ids, and {@code location} may use its groups as {1}, {2}, ...
     * {@code reference}: the FASTA of every dataset this root answers for, for the viewer (a local
     * path, {@code s3://bucket/key} or an http(s) URL; its index is {@code reference + ".fai"});
     * a {@link Reference} whose pattern matches an id comes first.
     */
    public record Root(
            String location,
            @DefaultValue("") String idPrefix,
            String idPattern,
            @DefaultValue(".bams3") String suffix,
            String reference) {}

    /**
     * A reference sequence for the viewer: the FASTA ({@code fasta}: a local path,
     * {@code s3://bucket/key} or an http(s) URL) of the datasets whose whole id matches
     * {@code idPattern}; the first that matches wins. {@code index}: its samtools faidx index
     * (default {@code fasta + ".fai"}).
     */
    public record Reference(String idPattern, String fasta, String index) {}

    /**
     * Tickets. {@code mode}: auto, streamed or presigned. {@code publicBaseUrl}: the URL clients
     * reach this service at (default: the request's own, with X-Forwarded-* applied only from the
     * proxies in {@code server.tomcat.remoteip.internal-proxies}, none by default).
     * {@code dataUrlSecret}: when set, data endpoint URLs are signed and expire after {@code dataUrlLifetime};
     * set but empty or shorter than 16 characters, the server refuses to start; required with
     * {@code bams3.auth.mode=jwt}. {@code dataUrlPreviousSecrets}: secrets that no longer sign but
     * still verify, so that a new secret can be rolled out while URLs signed with the old run out.
     * {@code presignMaxGap}: in presigned tickets, two ranges of one chunk object less than this
     * apart share one URL (the gap is fetched); farther apart, each has its own.
     */
    public record Tickets(
            @DefaultValue("auto") TicketMode mode,
            URI publicBaseUrl,
            @DefaultValue("10m") Duration presignExpiry,
            String dataUrlSecret,
            @DefaultValue List<String> dataUrlPreviousSecrets,
            @DefaultValue("10m") Duration dataUrlLifetime,
            @DefaultValue("64KB") DataSize maxRequestBody,
            @DefaultValue("8MB") DataSize readAheadPerStream,
            @DefaultValue("256KB") DataSize presignMaxGap) {}

    /**
     * Cached datasets and block indexes: time to live and bounds. Opened datasets are weighed by
     * the memory their metadata and header hold ({@code maxDatasetBytes}), block indexes by size.
     */
    public record Cache(
            @DefaultValue("5m") Duration ttl,
            @DefaultValue("10000") long maxDatasets,
            @DefaultValue("256MB") DataSize maxDatasetBytes,
            @DefaultValue("256MB") DataSize maxIndexBytes) {}

    /**
     * Bounds on the work one request may cause. {@code maxStreams}: data streams served at once
     * (more get 503 with Retry-After; must stay below {@code server.tomcat.threads.max} so that
     * tickets and probes always find a thread). {@code maxRegions}: regions in one request (more is
     * a 400). {@code maxHeaderBytes}: the largest metadata object and header text a dataset may
     * have to be opened (a larger one is refused with a 500 rather than filling the heap).
     * {@code fetchThreads}: threads shared by all streams to fetch chunk ranges ahead of decoding.
     */
    public record Limits(
            @DefaultValue("64") int maxStreams,
            @DefaultValue("1s") Duration retryAfter,
            @DefaultValue("1000") int maxRegions,
            @DefaultValue("64MB") DataSize maxHeaderBytes,
            @DefaultValue("64") int fetchThreads) {}

    /**
     * S3 access (credentials come from the SDK's default chain). {@code presignEndpointUrl}: the
     * endpoint written into presigned URLs when clients reach the store at another address.
     * {@code anonymous}: unsigned requests (public buckets); {@code requestPayer=requester}: for
     * requester-pays buckets; {@code sse} (AES256, aws:kms, aws:kms:dsse) and {@code sseKmsKeyId}:
     * encryption of what the server writes (the demo dataset).
     */
    public record S3(
            URI endpointUrl,
            URI presignEndpointUrl,
            String region,
            String profile,
            Boolean pathStyle,
            @DefaultValue("false") boolean anonymous,
            String requestPayer,
            String sse,
            String sseKmsKeyId) {}

    /** Browser access to tickets and data. */
    public record Cors(
            @DefaultValue("*") List<String> allowedOrigins,
            @DefaultValue("30d") Duration maxAge) {}

    /** The bundled demo dataset, converted into {@code location} on first start when enabled. */
    public record Demo(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("demo/NA12878") String id) {}

    /** The OpenAPI description ({@code /v3/api-docs}) and Swagger UI: served unless switched off. */
    public record ApiDocs(@DefaultValue("true") boolean enabled) {}

    /** What service-info says about the deployment ({@code organizationUrl} defaults to the service URL). */
    public record Info(
            @DefaultValue("io.bams3.htsget") String id,
            @DefaultValue("BAMS3 htsget") String name,
            @DefaultValue("BAMS3") String organization,
            String organizationUrl) {}
}
