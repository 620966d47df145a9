package io.bams3.store;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.S3Utilities;
import software.amazon.awssdk.services.s3.model.RequestPayer;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner built from {@link S3Settings}: the SDK's standard retry strategy
 * (exponential backoff with jitter, throttling-aware) with the configured attempts, connect/read
 * and whole-call timeouts, and a connection pool sized for the read parallelism.
 */
public final class S3Clients implements AutoCloseable {
    private final S3Settings settings;
    private final S3Client client;
    private final S3Presigner.Builder presignerBuilder;
    private final S3Utilities publicUrls;
    private S3Presigner presigner;
    private PartUploadPool partUploads;

    public S3Clients(S3Settings settings) {
        this(settings, null);
    }

    /**
     * Clients whose presigned URLs name {@code presignEndpoint} instead of the endpoint requests go
     * to (null: the same), for clients that reach the store at another address than this process.
     */
    public S3Clients(S3Settings settings, URI presignEndpoint) {
        this.settings = settings;
        AwsCredentialsProvider credentials = credentials(settings);
        Region region = region(settings);
        var builder = S3Client.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(Math.max(settings.maxConnections(), settings.parallelism() * 2))
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.readTimeout()))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                                .maxAttempts(settings.maxAttempts())
                                .build())
                        .apiCallAttemptTimeout(settings.readTimeout().plus(settings.connectTimeout()))
                        .apiCallTimeout(settings.apiCallTimeout()))
                .forcePathStyle(settings.usesPathStyle());
        S3Configuration presignConfig = S3Configuration.builder()
                .pathStyleAccessEnabled(settings.usesPathStyle())
                .build();
        S3Presigner.Builder presignerBuilder = S3Presigner.builder()
                .region(region)
                .credentialsProvider(credentials)
                .serviceConfiguration(presignConfig);
        S3Utilities.Builder publicUrls = S3Utilities.builder().region(region).s3Configuration(presignConfig);
        if (settings.endpoint().isPresent() || presignEndpoint != null) {
            publicUrls.endpoint(
                    presignEndpoint != null
                            ? presignEndpoint
                            : settings.endpoint().get());
        }
        this.publicUrls = publicUrls.build();
        if (settings.endpoint().isPresent()) {
            builder.endpointOverride(settings.endpoint().get())
                    // S3-compatible servers differ in their support of the newer default checksums
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
            presignerBuilder.endpointOverride(
                    presignEndpoint != null
                            ? presignEndpoint
                            : settings.endpoint().get());
        } else {
            if (presignEndpoint != null) {
                presignerBuilder.endpointOverride(presignEndpoint);
            }
            builder.crossRegionAccessEnabled(true);
        }
        this.client = builder.build();
        this.presignerBuilder = presignerBuilder;
    }

    private static AwsCredentialsProvider credentials(S3Settings s) {
        if (s.anonymous()) {
            return AnonymousCredentialsProvider.create();
        }
        if (s.accessKey().isPresent() && s.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    s.accessKey().get(), s.secretKey().get()));
        }
        if (s.profile().isPresent()) {
            return ProfileCredentialsProvider.builder()
                    .profileName(s.profile().get())
                    .build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static Region region(S3Settings s) {
        if (s.region().isPresent()) {
            return Region.of(s.region().get());
        }
        // An S3-compatible server's region is whatever it is configured as, and the instance
        // metadata service knows nothing of it: asking it costs seconds away from EC2.
        AwsRegionProvider chain = s.endpoint().isPresent()
                ? new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                : DefaultAwsRegionProviderChain.builder().build();
        try {
            return chain.getRegion();
        } catch (SdkClientException e) {
            // no region configured anywhere: us-east-1 (cross-region access finds the bucket's own)
            return Region.US_EAST_1;
        }
    }

    public S3Settings settings() {
        return settings;
    }

    public S3Client client() {
        return client;
    }
    /** {@code requester} if requests say the requester pays, else null (the SDK then sends nothing). */
    public RequestPayer requestPayer() {
        return settings.requesterPays() ? RequestPayer.REQUESTER : null;
    }

    /**
     * Unsigned object URLs, naming the endpoint presigned URLs name: what anonymous clients hand
     * out instead of presigned URLs (the SDK cannot sign without credentials).
     */
    public S3Utilities publicUrls() {
        return publicUrls;
    }

    /** The presigner, built on first use (most commands never sign). */
    public synchronized S3Presigner presigner() {
        if (presigner == null) {
            presigner = presignerBuilder.build();
        }
        return presigner;
    }

    /**
     * The threads that send the parts of multipart uploads: {@link S3Settings#parallelism()} parts
     * at once across all uploads (built on first use).
     */
    synchronized PartUploadPool partUploads() {
        if (partUploads == null) {
            partUploads = new PartUploadPool(settings.parallelism());
        }
        return partUploads;
    }

    @Override
    public synchronized void close() {
        if (partUploads != null) {
            partUploads.close();
        }
        client.close();
        if (presigner != null) {
            presigner.close();
        }
    }
}
