package io.bams3.query;

import io.bams3.format.BlockIndex;
import java.util.function.Supplier;

/**
 * Where a {@link Dataset} keeps the block indexes it has read. Keys name the dataset location, the
 * index object and its CRC32C, so a rewritten dataset never hits an old entry.
 */
@FunctionalInterface
public interface IndexCache {
    BlockIndex get(String key, Supplier<BlockIndex> loader);

    /** No caching: every query reads the block indexes it needs (the CLI's case). */
    static IndexCache none() {
        return (key, loader) -> loader.get();
    }
}
