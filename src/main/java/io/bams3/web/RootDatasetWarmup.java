package io.bams3.web;

import io.bams3.catalog.DatasetCatalog;
import io.bams3.catalog.DatasetRoot;
import io.bams3.codec.BamHeader;
import io.bams3.format.ChunkEntry;
import io.bams3.query.BamBlockStreamer;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.FetchPool;
import io.bams3.query.IndexCache;
import io.bams3.query.QueryPlanner;
import io.bams3.query.Region;
import io.bams3.store.ObjectStore;
import io.bams3.store.PrefixedObjectStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/**
 * The warm-up's read of one real dataset in a root, so that the store's read path (ranged GETs
 * with bodies, the parallel fetches of an open, the block index and chunk reads) has run before
 * the first ticket, not only the local self-query's. The dataset is the first one a short listing
 * of the root's top level names; it is opened outside the served caches and dropped afterwards,
 * so served datasets stay opened on first use. One base at the first record of its first
 * reference with reads (at most {@link #MAX_REFERENCES} looked at) is planned, streamed into
 * nothing and presigned.
 */
final class RootDatasetWarmup {
    /** Top-level names listed to find a dataset (one listing page on S3). */
    static final int MAX_LISTED = 100;
    /** References whose chunk tables are read to find one with reads. */
    static final int MAX_REFERENCES = 16;

    private RootDatasetWarmup() {}

    /**
     * Reads one dataset of {@code root}; false when the root maps ids through a pattern (it cannot
     * be listed), has no suffix, or names no dataset in its first {@link #MAX_LISTED} entries.
     */
    static boolean readOne(DatasetRoot root, DatasetCatalog catalog, long readAheadBytes, FetchPool pool)
            throws IOException {
        if (root.idPattern() != null || root.suffix().isEmpty()) {
            return false;
        }
        ObjectStore store = catalog.store(root.location());
        for (String child : store.children("", MAX_LISTED)) {
            String name = child.substring(0, child.length() - 1);
            if (name.startsWith(".") || !name.endsWith(root.suffix()) || name.equals(root.suffix())) {
                continue;
            }
            Dataset dataset = Dataset.open(
                    PrefixedObjectStore.of(store, child),
                    IndexCache.none(),
                    catalog.cacheSettings().maxHeaderBytes());
            List<BamHeader.Reference> refs = dataset.header().references();
            for (int ref = 0; ref < Math.min(refs.size(), MAX_REFERENCES); ref++) {
                List<ChunkEntry> chunks = dataset.chunks(ref);
                if (chunks.isEmpty()) {
                    continue;
                }
                int beg = chunks.get(0).firstPos();
                List<ChunkRead> plan = new QueryPlanner(dataset)
                        .plan(List.of(new Region(ref, refs.get(ref).name(), beg, beg + 1)));
                new BamBlockStreamer(dataset, readAheadBytes, pool).write(plan, OutputStream.nullOutputStream());
                for (ChunkRead read : plan) {
                    dataset.store().presign(read.key(), read.range(), Duration.ofMinutes(1));
                }
                break;
            }
            return true;
        }
        return false;
    }
}
