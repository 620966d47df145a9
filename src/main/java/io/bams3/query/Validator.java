package io.bams3.query;

import io.bams3.format.BamRecordView;
import io.bams3.format.BlockCodec;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.RecordStreamReader;
import io.bams3.store.ObjectNotFoundException;
import io.bams3.store.ObjectStore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Checks a dataset end to end: metadata, header and index checksums; every chunk's size and
 * CRC32C; every unit of every chunk decoded on its own, with its block index entry checked
 * against the records it holds (first position, maximum end); every record on the right
 * reference, in order and inside its chunk's span; counts adding up to the metadata. Holds one
 * chunk in memory at a time.
 */
public final class Validator {
    private static final int MAX_PROBLEMS = 1000;

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
        BlockCodec codec = dataset.codec().blockCodec();
        long chunks = 0;
        long records = 0;
        long bytes = 0;
        for (int ref = -1; ref < m.references().size(); ref++) {
            List<ChunkEntry> table;
            try {
                table = dataset.chunks(ref);
            } catch (RuntimeException e) {
                problems.add(e.getMessage());
                continue;
            }
            long refRecords = 0;
            long refBytes = 0;
            int prevLast = Integer.MIN_VALUE;
            for (int c = 0; c < table.size(); c++) {
                ChunkEntry e = table.get(c);
                String key = dataset.chunkKey(ref, e, c);
                chunks++;
                refRecords += e.records();
                refBytes += e.bytes();
                if (ref >= 0 && e.firstPos() < prevLast) {
                    problems.add(key + ": chunk starts before the previous chunk ends");
                }
                prevLast = e.lastPos();
                try {
                    checkChunk(dataset, codec, ref, e, key, problems);
                } catch (ObjectNotFoundException ex) {
                    problems.add("missing chunk " + key);
                } catch (IOException | RuntimeException ex) {
                    problems.add(key + ": " + ex.getMessage());
                }
            }
            records += refRecords;
            bytes += refBytes;
            boolean unplaced = ref < 0;
            String name = unplaced ? "*" : m.references().get(ref).name();
            long expectedRecords = unplaced ? m.unplaced().records() : m.references().get(ref).records();
            long expectedBytes = unplaced ? m.unplaced().bytes() : m.references().get(ref).bytes();
            if (refRecords != expectedRecords || refBytes != expectedBytes) {
                problems.add(name + ": chunks hold " + refRecords + " records in " + refBytes + " bytes, metadata says "
                        + expectedRecords + " in " + expectedBytes);
            }
        }
        if (records != m.records()) {
            problems.add("chunks hold " + records + " records, metadata says " + m.records());
        }
        return new Report(problems.size() > MAX_PROBLEMS ? problems.subList(0, MAX_PROBLEMS) : problems,
                chunks, records, bytes);
    }

    private static void checkChunk(Dataset dataset, BlockCodec codec, int ref, ChunkEntry e, String key,
                                   List<String> problems) throws IOException {
        byte[] data = dataset.store().getBytes(key);
        if (data.length != e.bytes()) {
            problems.add(key + ": size " + data.length + " differs from the chunk table's " + e.bytes());
            return;
        }
        CRC32C crc = new CRC32C();
        crc.update(data);
        if ((int) crc.getValue() != e.crc32c()) {
            problems.add(key + ": CRC32C mismatch (expected " + DatasetMetadata.hex(e.crc32c()) + ", got "
                    + DatasetMetadata.hex((int) crc.getValue()) + ")");
            return;
        }
        String source = dataset.store().location() + "/" + key;
        if (ref < 0) {
            long n = countRecords(codec.decompress(new ByteArrayInputStream(data), source), ref, null);
            if (n != e.records()) {
                problems.add(key + ": holds " + n + " records, chunk table says " + e.records());
            }
            return;
        }
        BlockIndex index = dataset.blockIndex(ref, e);
        if (index.size() == 0 || index.offsets()[0] != 0) {
            problems.add(key + ": block index does not start at offset 0");
            return;
        }
        int[] state = {Integer.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE}; // last pos, unit max end, chunk max end
        long n = 0;
        for (int i = 0; i < index.size(); i++) {
            int from = (int) index.offsets()[i];
            int to = i + 1 < index.size() ? (int) index.offsets()[i + 1] : data.length;
            if (to > data.length || to <= from) {
                problems.add(key + ": block index entry " + i + " points outside the chunk");
                return;
            }
            int[] first = {Integer.MIN_VALUE};
            state[1] = Integer.MIN_VALUE;
            n += countRecords(codec.decompress(new ByteArrayInputStream(data, from, to - from), source + " unit " + i),
                    ref, r -> {
                        if (first[0] == Integer.MIN_VALUE) first[0] = r.pos();
                        if (r.pos() < state[0] || r.pos() < e.firstPos() || r.pos() > e.lastPos()) {
                            throw new IllegalStateException("record at " + (r.pos() + 1L)
                                    + " is out of order or outside the chunk's span");
                        }
                        state[0] = r.pos();
                        state[1] = Math.max(state[1], r.end());
                        state[2] = Math.max(state[2], r.end());
                    });
            if (first[0] != index.firstPos()[i] || state[1] != index.maxEnd()[i]) {
                problems.add(key + ": block index entry " + i + " does not match its unit (first pos "
                        + first[0] + " vs " + index.firstPos()[i] + ", max end " + state[1] + " vs "
                        + index.maxEnd()[i] + ")");
                return;
            }
        }
        if (n != e.records() || state[2] != e.maxEnd()) {
            problems.add(key + ": holds " + n + " records ending at " + state[2] + ", chunk table says "
                    + e.records() + " ending at " + e.maxEnd());
        }
    }

    private static long countRecords(InputStream in, int ref, java.util.function.Consumer<BamRecordView> check)
            throws IOException {
        long n = 0;
        try (in) {
            RecordStreamReader reader = new RecordStreamReader(in);
            BamRecordView r;
            while ((r = reader.next()) != null) {
                if (r.refId() != ref) {
                    throw new IllegalStateException("holds a record of reference " + r.refId() + ", expected " + ref);
                }
                if (check != null) {
                    check.accept(r);
                }
                n++;
            }
        }
        return n;
    }
}
