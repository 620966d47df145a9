package io.bams3.bench;

import io.bams3.codec.BamRecordView;
import io.bams3.query.ChunkRead;
import io.bams3.query.Dataset;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordConsumer;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import io.bams3.store.ObjectStore;
import java.io.IOException;
import java.util.List;

/**
 * Runs one region query the way a fresh client would (new {@link Dataset}, so metadata, header,
 * chunk table and block indexes are all fetched) through a {@link CountingObjectStore}.
 */
public final class RegionProbe {
    private final ObjectStore store;

    public RegionProbe(ObjectStore store) {
        this.store = store;
    }

    /** Measures the query; with {@code compressRecords} also the BGZF size of the returned records. */
    public RegionMeasurement measure(Region region, boolean compressRecords) throws IOException {
        CountingObjectStore counting = new CountingObjectStore(store);
        Dataset dataset = Dataset.open(counting);
        Region r = new Region(
                dataset.header().referenceIndex(region.refName()), region.refName(), region.beg(), region.end());
        List<ChunkRead> plan = new QueryPlanner(dataset).plan(List.of(r));
        long records;
        long recordBytes = -1;
        Earliest earliest = new Earliest(r.beg());
        try (CompressedRecordSize size = compressRecords ? new CompressedRecordSize(dataset.header()) : null) {
            RecordConsumer consumer = size == null
                    ? earliest
                    : rec -> {
                        earliest.accept(rec);
                        size.add(rec);
                    };
            records = new RecordReader(dataset).read(plan, consumer);
            if (size != null) {
                recordBytes = size.bytes();
            }
        }
        return new RegionMeasurement(
                region,
                records,
                counting.bytes(KeyClass.DATA),
                counting.requests(KeyClass.DATA),
                counting.bytes(KeyClass.METADATA),
                counting.bytes(KeyClass.HEADER),
                counting.bytes(KeyClass.INDEX),
                r.beg() - earliest.pos,
                recordBytes,
                -1);
    }

    /** The smallest POS among the returned records (starting from the region start). */
    private static final class Earliest implements RecordConsumer {
        int pos;

        Earliest(int start) {
            this.pos = start;
        }

        @Override
        public void accept(BamRecordView record) {
            pos = Math.min(pos, record.pos());
        }
    }
}
