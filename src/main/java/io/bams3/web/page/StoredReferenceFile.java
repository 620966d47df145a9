package io.bams3.web.page;

import io.bams3.htsget.HtsgetError;
import io.bams3.store.ByteRange;
import io.bams3.store.ObjectStore;
import java.io.InputStream;

/** A reference file in a store (a local directory or an S3 prefix): sized by head, read by ranged get. */
record StoredReferenceFile(ObjectStore store, String key) implements ReferenceFile {
    @Override
    public long size() {
        return store.head(key)
                .orElseThrow(() -> HtsgetError.NOT_FOUND.exception(ReferenceCatalog.MISSING))
                .size();
    }

    @Override
    public InputStream open(ByteRange range) {
        return store.get(key, range);
    }
}
