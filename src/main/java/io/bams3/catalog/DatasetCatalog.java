package io.bams3.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.bams3.format.BlockIndex;
import io.bams3.query.Dataset;
import io.bams3.query.DatasetNotFoundException;
import io.bams3.query.IndexCache;
import io.bams3.store.ObjectStore;
import io.bams3.store.S3Settings;
import io.bams3.store.StoreLocator;
import io.bams3.store.StoreStats;
import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Opens datasets by id and keeps them: opened datasets (metadata, header, chunk tables) and block
 * indexes live in caches bounded by time and by the memory they hold. Stores come from one {@link StoreLocator}: all S3
 * datasets share one set of clients; every store counts into one {@link StoreStats}.
 */
public final class DatasetCatalog implements AutoCloseable {
    private final DatasetLocator locator;
    private final StoreLocator stores;
    private final Cache<String, Dataset> datasets;
    private final Cache<String, BlockIndex> indexes;
    private final IndexCache indexCache;
    private final long maxHeaderBytes;
    private final CacheSettings cacheSettings;

    public DatasetCatalog(DatasetLocator locator, S3Settings s3Settings, CacheSettings cache) {
        this(locator, s3Settings, null, cache);
    }

    /** A catalog whose presigned URLs name {@code presignEndpoint} (null: the S3 endpoint itself). */
    public DatasetCatalog(DatasetLocator locator, S3Settings s3Settings, URI presignEndpoint, CacheSettings cache) {
        this.locator = locator;
        this.cacheSettings = cache;
        this.stores = new StoreLocator(s3Settings, presignEndpoint, new StoreStats());
        // weighed by the heap each holds, so that many large headers cannot fill it; the count
        // bound is kept as a bound on the weight of the smallest possible datasets
        long perDatasetFloor = Math.max(1, cache.maxDatasetBytes() / Math.max(1, cache.maxDatasets()));
        this.datasets = Caffeine.newBuilder()
                .expireAfterWrite(cache.ttl())
                .maximumWeight(cache.maxDatasetBytes())
                .<String, Dataset>weigher(
                        (k, v) -> (int) Math.min(Integer.MAX_VALUE, Math.max(perDatasetFloor, v.retainedBytes())))
                .recordStats()
                .build();
        this.maxHeaderBytes = cache.maxHeaderBytes();
        this.indexes = Caffeine.newBuilder()
                .expireAfterWrite(cache.ttl())
                .maximumWeight(cache.maxIndexBytes())
                .<String, BlockIndex>weigher((k, v) -> 64 + 16 * v.size())
                .recordStats()
                .build();
        this.indexCache = (key, loader) -> unwrap(() -> indexes.get(key, k -> loader.get()));
    }

    /** The bounds and time to live of this catalog's caches. */
    public CacheSettings cacheSettings() {
        return cacheSettings;
    }

    public DatasetLocator locator() {
        return locator;
    }

    /**
     * The dataset of {@code id}; {@link DatasetNotFoundException} when there is none. Its store
     * follows no symbolic link below the dataset's root, so neither a linked dataset directory nor
     * a linked directory or object inside one is read.
     */
    public Dataset open(String id) {
        DatasetLocator.Location found = locator.find(id)
                .orElseThrow(() -> new DatasetNotFoundException("no dataset root answers for id '" + id + "'"));
        return open(found);
    }

    /** The dataset at a location {@link DatasetLocator} confined to a root, through the same cache as ids. */
    public Dataset open(DatasetLocator.Location found) {
        return unwrap(() -> datasets.get(
                found.location(), l -> Dataset.open(stores.open(l, found.root()), indexCache, maxHeaderBytes)));
    }

    /** A store on a location (shared S3 clients); closing it is not needed. */
    public ObjectStore store(String location) {
        return stores.open(location);
    }

    public StoreStats stats() {
        return stores.stats();
    }

    public Cache<String, Dataset> datasetCache() {
        return datasets;
    }

    public Cache<String, BlockIndex> indexCache() {
        return indexes;
    }

    @Override
    public void close() {
        datasets.invalidateAll();
        indexes.invalidateAll();
        stores.close();
    }

    private static <T> T unwrap(Supplier<T> call) {
        try {
            return call.get();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
