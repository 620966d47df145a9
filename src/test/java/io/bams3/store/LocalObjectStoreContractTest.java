package io.bams3.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStoreContractTest extends ObjectStoreContract {
    @TempDir
    Path dir;

    private int n;

    @Override
    protected ObjectStore newStore() {
        return new LocalObjectStore(dir.resolve("store" + n++));
    }

    @Override
    protected boolean presigns() {
        return false;
    }
}
