package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BlockCodec;
import io.bams3.codec.FormatException;
import io.bams3.codec.RecordStreamReader;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Crc32c;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a dataset end to end: everything a reader checks (docs/FORMAT.md §12: metadata counts,
 * header and index checksums, chunk tables and block indexes against their invariants), then
 * every chunk's size and CRC32C; every unit of every chunk decoded on its own, with its block
 * index entry checked against the records it holds (first position, maximum end); every record
 * well-formed (aux fields included), on the right reference, in order and inside its chunk's
 * span. Holds one chunk in memory at a time and stops after {@value #MAX_PROBLEMS} problems.
 */
public final class Validator {
    private static final int MAX_PROBLEMS = 1000;

    /** The outcome: problems found (empty if the dataset is sound) and what was checked. */
    public record Report(List<String> problems, long chunks, long records, long bytes) {
        public boolean ok() {
            return problems.isEmpty();
        }
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
        try {
            dataset.summaries(); // the whole reference table: every entry, and its sums against the metadata
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        BlockCodec codec = dataset.codec().blockCodec();
        long chunks = 0;
        long records = 0;
        long bytes = 0;
        for (int ref = -1; ref < dataset.header().references().size() && problems.size() < MAX_PROBLEMS; ref++) {
            List<ChunkEntry> table;
            try {
                table = dataset.chunks(ref); // checked: order, spans, sizes, totals against the metadata
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            for (int c = 0; c < table.size() && problems.size() < MAX_PROBLEMS; c++) {
                ChunkEntry e = table.get(c);
                String key = dataset.chunkKey(ref, e, c);
                chunks++;
                records += e.records();
                bytes += e.bytes();
                try {
                    checkChunk(dataset, codec, ref, e, key, problems);
                } catch (ObjectNotFoundException ex) {
                    problems.add(dataset.missing(key).getMessage());
                } catch (IOException | RuntimeException ex) {
                    problems.add(key + ": " + ex.getMessage());
                }
            }
        }
        return new Report(problems, chunks, records, bytes);
    }

    private static void checkChunk(
            Dataset dataset, BlockCodec codec, int ref, ChunkEntry e, String key, List<String> problems)
            throws IOException {
        byte[] data = dataset.store().getBytes(key);
        if (data.length != e.bytes()) {
            problems.add(key + ": size " + data.length + " differs from the chunk table's " + e.bytes());
            return;
        }
        int crc = Crc32c.of(data);
        if (crc != e.crc32c()) {
            problems.add(key + ": CRC32C mismatch (expected " + DatasetMetadata.hex(e.crc32c()) + ", got "
                    + DatasetMetadata.hex(crc) + ")");
            return;
        }
        String source = dataset.store().location() + "/" + key;
        if (ref < 0) {
            long n = countRecords(codec.decompress(new ByteArrayInputStream(data), source), "records", ref, null);
            if (n != e.records()) {
                problems.add(key + ": holds " + n + " records, chunk table says " + e.records());
            }
            return;
        }
        BlockIndex index = dataset.blockIndex(ref, e); // checked against the entry: offsets lie inside data
        PlacedRecords placed = new PlacedRecords(e);
        for (int i = 0; i < index.size(); i++) {
            int from = (int) index.offsets()[i];
            int to = i + 1 < index.size() ? (int) index.offsets()[i + 1] : data.length;
            placed.startUnit();
            long before = placed.records;
            countRecords(
                    codec.decompress(new ByteArrayInputStream(data, from, to - from), source + " unit " + i),
                    "unit " + i,
                    ref,
                    placed::accept);
            if (placed.unitFirstPos != index.firstPos()[i] || placed.unitMaxEnd != index.maxEnd()[i]) {
                problems.add(key + ": block index entry " + i + " does not match its unit (first pos "
                        + placed.unitFirstPos + " vs " + index.firstPos()[i] + ", max end " + placed.unitMaxEnd
                        + " vs " + index.maxEnd()[i] + ")");
                return;
            }
            if (index.hasUnitChecks()) {
                int unitCrc = Crc32c.of(data, from, to - from);
                if (unitCrc != index.crc32c()[i] || placed.records - before != index.records()[i]) {
                    problems.add(key + ": block index entry " + i + " does not match its unit (CRC32C "
                            + DatasetMetadata.hex(unitCrc) + " vs " + DatasetMetadata.hex(index.crc32c()[i])
                            + ", records "
                            + (placed.records - before) + " vs " + index.records()[i] + ")");
                    return;
                }
            }
        }
        if (placed.records != e.records() || placed.chunkMaxEnd != e.maxEnd()) {
            problems.add(key + ": holds " + placed.records + " records ending at " + placed.chunkMaxEnd
                    + ", chunk table says " + e.records() + " ending at " + e.maxEnd());
        }
    }

    /** What the records of one placed chunk, read unit by unit, have shown so far. */
    private static final class PlacedRecords {
        private final ChunkEntry chunk;
        private int lastPos = Integer.MIN_VALUE;
        private int unitFirstPos;
        private int unitMaxEnd;
        private int chunkMaxEnd = Integer.MIN_VALUE;
        private long records;

        PlacedRecords(ChunkEntry chunk) {
            this.chunk = chunk;
        }

        void startUnit() {
            unitFirstPos = Integer.MIN_VALUE;
            unitMaxEnd = Integer.MIN_VALUE;
        }

        void accept(BamRecordView r) {
            if (unitFirstPos == Integer.MIN_VALUE) {
                unitFirstPos = r.pos();
            }
            if (r.pos() < lastPos || r.pos() < chunk.firstPos() || r.pos() > chunk.lastPos()) {
                throw new FormatException(
                        "record at " + (r.pos() + 1L) + " is out of order or outside the chunk's span");
            }
            lastPos = r.pos();
            unitMaxEnd = Math.max(unitMaxEnd, r.end());
            chunkMaxEnd = Math.max(chunkMaxEnd, r.end());
            records++;
        }
    }

    private static long countRecords(InputStream in, String what, int ref, Consumer<BamRecordView> check)
            throws IOException {
        long n = 0;
        try (in) {
            RecordStreamReader reader = new RecordStreamReader(in, what);
            BamRecordView r;
            while ((r = reader.next()) != null) {
                if (r.refId() != ref) {
                    throw new FormatException("holds a record of reference " + r.refId() + ", expected " + ref);
                }
                r.checkTags();
                if (check != null) {
                    check.accept(r);
                }
                n++;
            }
        }
        return n;
    }
}
