package io.bams3.store;

import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the store a dataset location names: {@code s3://bucket/prefix} or a local directory. The
 * one place that turns a location into a store, for the CLI and the server's catalog alike. The
 * s3:// stores it opens share one set of clients, created for the first of them; every store
 * counts into one {@link StoreStats}. Closing the locator closes the clients (the stores it opened
 * need no closing of their own).
 */
public final class StoreLocator implements AutoCloseable {
    private final S3Settings s3Settings;
    private final URI presignEndpoint;
    private final StoreStats stats;
    private S3Clients s3;

    public StoreLocator(S3Settings s3Settings) {
        this(s3Settings, null, new StoreStats());
    }

    /** A locator whose presigned URLs name {@code presignEndpoint} (null: the S3 endpoint itself). */
    public StoreLocator(S3Settings s3Settings, URI presignEndpoint, StoreStats stats) {
        this.s3Settings = s3Settings;
        this.presignEndpoint = presignEndpoint;
        this.stats = stats;
    }

    /** The store at {@code location}; a URI of another scheme than s3:// is refused. */
    public ObjectStore open(String location) {
        return open(location, null);
    }

    /**
     * The store at {@code location}, which lies in {@code confinement} (a directory that contains
     * it, or null: the location itself): a local store then follows no symbolic link from below
     * {@code confinement} down to its objects. S3 has no links; {@code confinement} does not apply.
     */
    public synchronized ObjectStore open(String location, String confinement) {
        if (S3Location.isS3(location)) {
            if (s3 == null) {
                s3 = new S3Clients(s3Settings, presignEndpoint);
            }
            return new S3ObjectStore(s3, S3Location.parse(location), stats);
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new StoreException("unsupported dataset location '" + location
                    + "': give a local directory or an s3://bucket/prefix URI");
        }
        Path root = Path.of(location);
        return new LocalObjectStore(root, confinement == null ? root : Path.of(confinement), stats);
    }

    public StoreStats stats() {
        return stats;
    }

    @Override
    public synchronized void close() {
        if (s3 != null) {
            s3.close();
            s3 = null;
        }
    }
}
