package io.bams3.query;

import io.bams3.format.BamRecordView;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a dataset end to end: metadata, header and index checksums, every chunk's size, CRC32C
 * and record count, that every record lies inside its chunk's span on the right reference and in
 * order, that block indexes agree with their chunks, and that the counts add up to the metadata.
 */
public final class Validator {

    /** The outcome: problems found (empty if the dataset is sound) and what was checked. */
    public record Report(List<String> problems, long chunks, long records, long bytes) {
        public boolean ok() { return problems.isEmpty(); }
    }

    public Report validate(ObjectStore store) {
        List<String> problems = new ArrayList<>();
        Dataset dataset;
        try {
            dataset = Dataset.open(store);
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
            return new Report(problems, 0, 0, 0);
        }
        DatasetMetadata m = dataset.metadata();
        RecordReader reader = new RecordReader(dataset);
        long chunks = 0;
        long records = 0;
        long bytes = 0;
        int refs = m.references().size();
        for (int ref = -1; ref < refs; ref++) {
            List<ChunkEntry> table;
            try {
                table = dataset.chunks(ref);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            long refRecords = 0;
            int prevLast = Integer.MIN_VALUE;
            for (int c = 0; c < table.size(); c++) {
                ChunkEntry e = table.get(c);
                String key = dataset.chunkKey(ref, e, c);
                chunks++;
                bytes += e.bytes();
                refRecords += e.records();
                if (ref >= 0 && e.firstPos() < prevLast) {
                    problems.add(key + ": chunk starts before the previous chunk ends");
                }
                prevLast = e.lastPos();
                try {
                    long size = store.head(key).orElseThrow(() -> new IllegalStateException("missing chunk " + key)).size();
                    if (size != e.bytes()) {
                        problems.add(key + ": size " + size + " differs from the chunk table's " + e.bytes());
                        continue;
                    }
                    if (ref >= 0) {
                        checkBlockIndex(dataset, ref, e, key, problems);
                    }
                    ChunkRead read = new ChunkRead(ref, key, e, new io.bams3.format.ByteRange(0, e.bytes()), List.of());
                    int[] last = {Integer.MIN_VALUE};
                    final int r = ref;
                    reader.read(List.of(read), rec -> checkRecord(rec, r, e, key, last, problems));
                } catch (Exception ex) {
                    problems.add(ex.getMessage());
                }
            }
            records += refRecords;
            long expected = ref < 0 ? m.unplaced().records() : m.references().get(ref).records();
            if (refRecords != expected) {
                problems.add((ref < 0 ? "*" : m.references().get(ref).name()) + ": chunks hold " + refRecords
                        + " records, metadata says " + expected);
            }
        }
        if (records != m.records()) {
            problems.add("chunks hold " + records + " records, metadata says " + m.records());
        }
        return new Report(problems, chunks, records, bytes);
    }

    private static void checkBlockIndex(Dataset dataset, int ref, ChunkEntry e, String key, List<String> problems) {
        BlockIndex index = dataset.blockIndex(ref, e);
        if (index.size() == 0 || index.offsets()[0] != 0 || index.offsets()[index.size() - 1] >= e.bytes()
                || index.firstPos()[0] != e.firstPos() || index.maxEnd()[index.size() - 1] != e.maxEnd()) {
            problems.add(key + ": block index does not match the chunk");
        }
    }

    private static void checkRecord(BamRecordView rec, int ref, ChunkEntry e, String key, int[] last,
                                    List<String> problems) {
        if (ref < 0) {
            return;
        }
        int pos = rec.pos();
        if (pos < e.firstPos() || pos > e.lastPos() || rec.end() > e.maxEnd() || pos < last[0]) {
            if (problems.size() < 1000) {
                problems.add(key + ": record at " + (pos + 1L) + " lies outside the chunk's span or out of order");
            }
        }
        last[0] = pos;
    }
}
