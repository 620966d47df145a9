package io.bams3.cli;

import io.bams3.store.S3Settings;
import io.bams3.store.StoreLocator;
import java.net.URI;
import picocli.CommandLine.Option;

/**
 * Options for s3:// locations. The SDK's default chains supply credentials and region
 * (environment, AWS_PROFILE, config files, instance roles); AWS_ENDPOINT_URL sets an endpoint.
 */
final class StoreOptions {
    @Option(
            names = "--endpoint-url",
            paramLabel = "URL",
            description = "S3-compatible endpoint (MinIO, Ceph, R2, ...); default: $AWS_ENDPOINT_URL, else AWS.")
    URI endpoint;

    @Option(names = "--region", description = "AWS region (default: the SDK's region chain).")
    String region;

    @Option(names = "--profile", description = "AWS named profile (default: $AWS_PROFILE).")
    String profile;

    @Option(
            names = "--path-style",
            negatable = true,
            description = "Path-style bucket addressing (default: on with a custom endpoint).")
    Boolean pathStyle;

    S3Settings settings() {
        return S3Settings.fromEnvironment(System.getenv()).overriddenBy(endpoint, region, profile, pathStyle);
    }

    /** Opens the stores of one command (one set of S3 clients, closed with the locator). */
    StoreLocator locator() {
        return new StoreLocator(settings());
    }
}
