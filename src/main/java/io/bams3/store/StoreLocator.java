package io.bams3.store;

import java.nio.file.Path;

/** Opens the store a dataset location names: {@code s3://bucket/prefix} or a local directory. */
public final class StoreLocator {
    private StoreLocator() { }

    public static ObjectStore open(String location, S3Settings s3) {
        if (S3Location.isS3(location)) {
            return S3ObjectStore.open(s3, S3Location.parse(location));
        }
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new StoreException("unsupported dataset location '" + location
                    + "': give a local directory or an s3://bucket/prefix URI");
        }
        return new LocalObjectStore(Path.of(location));
    }
}
