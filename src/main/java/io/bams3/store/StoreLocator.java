package io.bams3.store;

import java.nio.file.Path;

/** Opens the store a dataset location names: a local directory path. */
public final class StoreLocator {
    private StoreLocator() { }

    public static ObjectStore open(String location) {
        if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
            throw new StoreException("unsupported dataset location '" + location + "': give a local directory path");
        }
        return new LocalObjectStore(Path.of(location));
    }
}
