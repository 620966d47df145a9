package io.bams3.cli;

import io.bams3.store.S3Encryption;
import io.bams3.store.S3Settings;
import io.bams3.store.StoreLocator;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options for s3:// locations, named as the aws-cli names them. The SDK's default chains supply
 * credentials and region (environment, AWS_PROFILE, config files, instance roles);
 * AWS_ENDPOINT_URL sets an endpoint. {@code --region} is a deprecated alias of {@code
 * --aws-region}: on {@code view}, whose arguments are genomic regions, it reads as one.
 */
final class StoreOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "S3-compatible endpoint (MinIO, Ceph, R2, ...); default: $AWS_ENDPOINT_URL, else AWS.")
    URI endpoint;

    @Option(
            names = "--aws-region",
            paramLabel = "NAME",
            description = "AWS region, e.g. us-east-1 (default: the SDK's region chain).")
    String region;

    @Option(names = "--profile", paramLabel = "NAME", description = "AWS named profile (default: $AWS_PROFILE).")
    String profile;

    @Option(
            names = "--path-style",
            negatable = true,
            description = "Path-style bucket addressing (default: on with a custom endpoint).")
    Boolean pathStyle;

    @Option(
            names = "--no-sign-request",
            description = "Do not sign requests nor look up credentials (public buckets, e.g. open data).")
    boolean anonymous;

    @Option(
            names = "--request-payer",
            paramLabel = "requester",
            description = "Confirm that you pay for requests to a requester-pays bucket (value: requester).")
    String requestPayer;

    @Option(
            names = "--sse",
            paramLabel = "AES256|aws:kms|aws:kms:dsse",
            description = "Server-side encryption of the objects written (default: the bucket's).")
    String sse;

    @Option(
            names = "--sse-kms-key-id",
            paramLabel = "KEY",
            description = "KMS key (id, ARN or alias) for --sse aws:kms (default: the account's S3 key).")
    String sseKmsKeyId;

    /** Deprecated spelling of {@code --aws-region}; says so once on stderr. */
    @Option(names = "--region", hidden = true, paramLabel = "NAME")
    void deprecatedRegion(String name) {
        if (name == null) {
            return; // picocli resetting the option between runs
        }
        spec.commandLine()
                .getErr()
                .println(spec.qualifiedName() + ": warning: --region is deprecated, use --aws-region "
                        + "(genomic regions are positional arguments)");
        region = name;
    }

    S3Settings settings() {
        S3Settings s = S3Settings.fromEnvironment(System.getenv()).overriddenBy(endpoint, region, profile, pathStyle);
        if (anonymous) {
            s = s.withAnonymous(true);
        }
        if (requestPayer != null) {
            if (!requestPayer.equals("requester")) {
                throw usage("--request-payer: the only value is 'requester', not '" + requestPayer + "'");
            }
            s = s.withRequesterPays(true);
        }
        Optional<S3Encryption> encryption = encryption();
        if (encryption.isPresent()) {
            s = s.withEncryption(encryption.get());
        }
        return s;
    }

    private Optional<S3Encryption> encryption() {
        if (sseKmsKeyId != null && !S3Encryption.usesKms(sse)) {
            throw usage("--sse-kms-key-id needs --sse aws:kms");
        }
        if (sse == null) {
            return Optional.empty();
        }
        if (!S3Encryption.ALGORITHMS.contains(sse)) {
            throw usage("--sse: expected AES256, aws:kms or aws:kms:dsse, not '" + sse + "'");
        }
        return Optional.of(new S3Encryption(sse, Optional.ofNullable(sseKmsKeyId)));
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Opens the stores of one command (one set of S3 clients, closed with the locator). */
    StoreLocator locator() {
        return new StoreLocator(settings());
    }
}
