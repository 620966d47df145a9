package io.bams3.bench;

import io.bams3.format.ChunkEntry;
import io.bams3.query.Dataset;
import io.bams3.store.LocalObjectStore;

/** Chunk and unit counts of a dataset's placed records, read from its chunk tables. */
public record DatasetProfile(int chunks, long units, long chunkBytes) {

    public static DatasetProfile of(DatasetDirectory dir) {
        Dataset ds = Dataset.open(new LocalObjectStore(dir.root()));
        int chunks = 0;
        long units = 0;
        long bytes = 0;
        for (int ref = 0; ref < ds.header().references().size(); ref++) {
            for (ChunkEntry e : ds.chunks(ref)) {
                chunks++;
                units += e.units();
                bytes += e.bytes();
            }
        }
        return new DatasetProfile(chunks, units, bytes);
    }

    /** Mean compressed size of a unit (a BGZF block or a zstd frame). */
    public double meanUnitBytes() {
        return (double) chunkBytes / units;
    }
}
