package io.bams3.testing;

import io.bams3.codec.BamHeader;
import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.Codec;
import io.bams3.format.ReferenceSummary;
import io.bams3.format.ReferenceTable;
import io.bams3.store.LocalObjectStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import tools.jackson.databind.node.ObjectNode;

/**
 * The corpus of crafted datasets (src/test/resources/crafted/README.md lists every case and its
 * expected outcome): each is the demo BAM converted with 64 KiB chunks, with one value rewritten
 * by a {@link DatasetEditor} that recomputes every checksum and total depending on it, so that
 * only that value is wrong. Most cases hit one target chunk of reference 11 (not its first, at
 * least three units); its region is a stretch strictly inside the chunk, so a reader needs the
 * chunk table, the block index and the records of unit 0.
 */
public final class CraftedDatasets {
    public static final String REF = "11";

    private CraftedDatasets() {}

    /** Where a reader first meets the wrong value; decides what the htsget ticket endpoint answers. */
    public enum Layer {
        /** {@code _metadata.json} or the header: checked when the dataset is opened. */
        METADATA,
        /** The reference's entry of the reference table: checked when a query first needs the reference. */
        REFERENCE_TABLE,
        /** A chunk table: checked when a query first needs the reference. */
        CHUNK_TABLE,
        /** A block index: checked when a query needs part of the chunk. */
        BLOCK_INDEX,
        /** Records inside a chunk: checked while decoding (the ticket is planned without them). */
        RECORD,
        /**
         * The metadata's totals, which no query uses: checked by {@code stats} and {@code validate},
         * which read the whole reference table; queries answer exactly.
         */
        TOTALS;

        /** True if planning a query (the ticket endpoint) already fails. */
        public boolean failsPlanning() {
            return this != RECORD && this != TOTALS;
        }

        /** True if a query of the target region fails. */
        public boolean failsQueries() {
            return this != TOTALS;
        }
    }

    /** The chunk most cases damage. */
    public record Target(int chunk, ChunkEntry entry) {
        /** samtools region strictly inside the chunk: [firstPos + 1, lastPos). */
        public String region() {
            return REF + ":" + (entry.firstPos() + 2L) + "-" + entry.lastPos();
        }

        /** htsget query parameters for the same interval. */
        public String htsgetQuery() {
            return "referenceName=" + REF + "&start=" + (entry.firstPos() + 1L) + "&end=" + entry.lastPos();
        }
    }

    /** One rewrite of a dataset. */
    @FunctionalInterface
    public interface Edit {
        void apply(DatasetEditor dataset, Target target) throws IOException;
    }

    /**
     * One crafted case: a name (also its dataset directory {@code <name>.bams3}), where the wrong
     * value lives, what was changed, and whether the query is on the unplaced records.
     */
    public record Case(String name, Layer layer, boolean unplaced, String change, Edit edit) {
        public String region(Target t) {
            return unplaced ? "*" : t.region();
        }

        public String htsgetQuery(Target t) {
            return unplaced ? "referenceName=*" : t.htsgetQuery();
        }
    }

    /** Converts the demo BAM into {@code dir/base.bams3}. */
    public static Path base(Path dir) throws IOException {
        Path base = dir.resolve("base.bams3");
        new Converter(new ConvertOptions(Codec.BGZF, 64 << 10, 2, false), ProgressListener.NONE)
                .convert(TestBams.path(TestBams.NA12878), new LocalObjectStore(base));
        return base;
    }

    /** The target chunk of a base dataset. */
    public static Target target(Path base) throws IOException {
        List<ChunkEntry> table = new DatasetEditor(base).table(REF);
        for (int i = 1; i < table.size(); i++) {
            ChunkEntry e = table.get(i);
            if (e.units() >= 3 && e.lastPos() - e.firstPos() >= 2) {
                return new Target(i, e);
            }
        }
        throw new IllegalStateException("no chunk of " + REF + " with three units");
    }

    /** Copies {@code base} to {@code dir/<name>.bams3} and applies the case's edit. */
    public static Path build(Path base, Case c, Path dir) throws IOException {
        Path copy = dir.resolve(c.name() + ".bams3");
        TestFiles.copyTree(base, copy);
        c.edit().apply(new DatasetEditor(copy), target(base));
        return copy;
    }

    public static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.addAll(blockIndexCases());
        all.addAll(chunkTableCases());
        all.addAll(metadataCases());
        all.addAll(referenceTableCases());
        all.addAll(recordCases());
        return all;
    }

    private static List<Case> blockIndexCases() {
        return List.of(
                index("index-first-offset-negative", "offset[0] = -1", (i, e) -> offsets(i, 0, -1)),
                index("index-first-offset-not-zero", "offset[0] = 5", (i, e) -> offsets(i, 0, 5)),
                index("index-offsets-shifted-4gib", "offset[1..] += 2^32 (offset[0] stays 0)", (i, e) -> {
                    long[] o = i.offsets().clone();
                    for (int k = 1; k < o.length; k++) o[k] += 1L << 32;
                    return new BlockIndex(o, i.firstPos(), i.maxEnd(), i.records(), i.crc32c());
                }),
                index("index-offsets-not-increasing", "offset[2] = offset[1]", (i, e) -> offsets(i, 2, i.offsets()[1])),
                index(
                        "index-last-offset-at-chunk-end",
                        "offset[last] = chunk bytes",
                        (i, e) -> offsets(i, i.size() - 1, e.bytes())),
                index("index-firstpos-decreasing", "firstPos[2] = firstPos[1] - 1", (i, e) -> {
                    int[] f = i.firstPos().clone();
                    f[2] = f[1] - 1;
                    return new BlockIndex(i.offsets(), f, i.maxEnd(), i.records(), i.crc32c());
                }),
                index("index-firstpos-differs-from-chunk", "firstPos[0] = chunk firstPos - 1", (i, e) -> {
                    int[] f = i.firstPos().clone();
                    f[0] = e.firstPos() - 1;
                    return new BlockIndex(i.offsets(), f, i.maxEnd(), i.records(), i.crc32c());
                }),
                index("index-maxend-differs-from-chunk", "the largest maxEnd[i] + 1", (i, e) -> {
                    int[] m = i.maxEnd().clone();
                    int at = 0;
                    for (int k = 1; k < m.length; k++) if (m[k] > m[at]) at = k;
                    m[at]++;
                    return new BlockIndex(i.offsets(), i.firstPos(), m, i.records(), i.crc32c());
                }),
                index("index-maxend-not-beyond-firstpos", "maxEnd[1] = firstPos[1]", (i, e) -> {
                    int[] m = i.maxEnd().clone();
                    m[1] = i.firstPos()[1];
                    return new BlockIndex(i.offsets(), i.firstPos(), m, i.records(), i.crc32c());
                }),
                index("index-unit-records-zero", "records[1] = 0", (i, e) -> {
                    int[] r = i.records().clone();
                    r[1] = 0;
                    return new BlockIndex(i.offsets(), i.firstPos(), i.maxEnd(), r, i.crc32c());
                }),
                index("index-unit-records-sum-mismatch", "records[0] + 1", (i, e) -> {
                    int[] r = i.records().clone();
                    r[0]++;
                    return new BlockIndex(i.offsets(), i.firstPos(), i.maxEnd(), r, i.crc32c());
                }),
                new Case(
                        "index-unit-crc32c-wrong",
                        Layer.RECORD,
                        false,
                        "crc32c[0] of the target chunk's block index, one bit flipped",
                        (d, t) -> {
                            BlockIndex i = d.blockIndex(REF, t.chunk());
                            int[] c = i.crc32c().clone();
                            c[0] ^= 1;
                            d.writeBlockIndex(
                                    REF,
                                    t.chunk(),
                                    new BlockIndex(i.offsets(), i.firstPos(), i.maxEnd(), i.records(), c));
                        }),
                index("index-count-differs-from-units", "last entry dropped", (i, e) -> {
                    int n = i.size() - 1;
                    return new BlockIndex(
                            Arrays.copyOf(i.offsets(), n),
                            Arrays.copyOf(i.firstPos(), n),
                            Arrays.copyOf(i.maxEnd(), n),
                            Arrays.copyOf(i.records(), n),
                            Arrays.copyOf(i.crc32c(), n));
                }));
    }

    private static List<Case> chunkTableCases() {
        return List.of(
                new Case(
                        "table-entries-out-of-order",
                        Layer.CHUNK_TABLE,
                        false,
                        "target entry swapped with the next",
                        (d, t) -> {
                            List<ChunkEntry> entries = new ArrayList<>(d.table(REF));
                            Collections.swap(entries, t.chunk(), t.chunk() + 1);
                            d.writeTable(REF, entries);
                        }),
                entry(
                        "table-firstpos-after-lastpos",
                        "firstPos = lastPos + 1",
                        e -> with(e, e.lastPos() + 1, e.lastPos(), e.maxEnd(), e.units(), e.bytes(), e.records())),
                entry(
                        "table-firstpos-negative",
                        "firstPos = -2,000,000,000",
                        e -> with(e, -2_000_000_000, e.lastPos(), e.maxEnd(), e.units(), e.bytes(), e.records())),
                entry(
                        "table-maxend-not-beyond-lastpos",
                        "maxEnd = lastPos",
                        e -> with(e, e.firstPos(), e.lastPos(), e.lastPos(), e.units(), e.bytes(), e.records())),
                entry(
                        "table-bytes-negative",
                        "bytes = -1",
                        e -> with(e, e.firstPos(), e.lastPos(), e.maxEnd(), e.units(), -1, e.records())),
                entry(
                        "table-records-negative",
                        "records = -1",
                        e -> with(e, e.firstPos(), e.lastPos(), e.maxEnd(), e.units(), e.bytes(), -1)),
                entry(
                        "table-units-negative",
                        "units = -1",
                        e -> with(e, e.firstPos(), e.lastPos(), e.maxEnd(), -1, e.bytes(), e.records())),
                entry(
                        "table-units-zero",
                        "units = 0",
                        e -> with(e, e.firstPos(), e.lastPos(), e.maxEnd(), 0, e.bytes(), e.records())),
                new Case(
                        "table-200k-duplicate-entries",
                        Layer.CHUNK_TABLE,
                        false,
                        "target entry repeated 200,000 times (metadata counts follow)",
                        (d, t) -> {
                            List<ChunkEntry> entries = new ArrayList<>(d.table(REF));
                            entries.addAll(t.chunk(), Collections.nCopies(200_000, entries.get(t.chunk())));
                            d.writeTable(REF, entries);
                        }),
                new Case(
                        "table-lastpos-beyond-reference",
                        Layer.CHUNK_TABLE,
                        false,
                        "length of 11 (header and reference table) = lastPos of its last chunk",
                        (d, t) -> {
                            List<ChunkEntry> entries = d.table(REF);
                            int last = entries.get(entries.size() - 1).lastPos();
                            d.writeHeader(withReference(d.header(), REF, REF, last));
                            d.editSummary(
                                    REF,
                                    r -> new ReferenceSummary(
                                            last, r.mapped(), r.unmapped(), r.chunks(), r.bytes(), r.indexCrc32c()));
                        }),
                new Case(
                        "table-unplaced-maxend",
                        Layer.CHUNK_TABLE,
                        true,
                        "unplaced entry 0: maxEnd = 5",
                        (d, t) -> d.editEntry(
                                DatasetEditor.UNPLACED,
                                0,
                                e -> new ChunkEntry(
                                        e.firstPos(),
                                        e.lastPos(),
                                        5,
                                        e.part(),
                                        e.units(),
                                        e.bytes(),
                                        e.records(),
                                        e.crc32c(),
                                        e.indexCrc32c()))));
    }

    private static List<Case> metadataCases() {
        return List.of(
                header(
                        "header-reference-length-negative",
                        "l_ref of 11 in the header = -1",
                        h -> withReference(h, REF, REF, -1)),
                header(
                        "header-duplicate-reference-name",
                        "reference 1 renamed 11",
                        h -> withReference(
                                h,
                                "1",
                                REF,
                                h.references().get(h.referenceIndex("1")).length())),
                header(
                        "header-empty-reference-name",
                        "reference 1 renamed \"\"",
                        h -> withReference(
                                h,
                                "1",
                                "",
                                h.references().get(h.referenceIndex("1")).length())),
                new Case(
                        "meta-reference-count-differs-from-header",
                        Layer.METADATA,
                        false,
                        "reference table (and its count) without its last entry",
                        (d, t) -> {
                            List<ReferenceSummary> all = d.summaries();
                            d.writeSummaries(all.subList(0, all.size() - 1));
                        }),
                meta(
                        "meta-absurd-header-bytes",
                        "header.bytes = 10^15",
                        m -> ((ObjectNode) m.get("header")).put("bytes", 1_000_000_000_000_000L)),
                meta(
                        "meta-generation-outside-the-dataset",
                        "generation = \"../../elsewhere\"",
                        m -> m.put("generation", "../../elsewhere")),
                new Case(
                        "meta-records-sum-mismatch",
                        Layer.TOTALS,
                        false,
                        "records = records + 1",
                        (d, t) -> d.editMetadata(
                                m -> m.put("records", m.get("records").asLong() + 1))));
    }

    private static List<Case> referenceTableCases() {
        return List.of(
                summary(
                        "refs-chunks-differs-from-table",
                        "chunks of 11 = table count - 1",
                        r -> new ReferenceSummary(
                                r.length(), r.mapped(), r.unmapped(), r.chunks() - 1, r.bytes(), r.indexCrc32c())),
                new Case(
                        "refs-records-mismatch",
                        Layer.REFERENCE_TABLE,
                        false,
                        "mapped of 11 + 1 and metadata records + 1",
                        (d, t) -> {
                            d.editSummary(
                                    REF,
                                    r -> new ReferenceSummary(
                                            r.length(),
                                            r.mapped() + 1,
                                            r.unmapped(),
                                            r.chunks(),
                                            r.bytes(),
                                            r.indexCrc32c()));
                            d.editMetadata(
                                    m -> m.put("records", m.get("records").asLong() + 1));
                        }),
                summary(
                        "refs-absurd-chunk-count",
                        "chunks of 11 = 2^31 - 1",
                        r -> new ReferenceSummary(
                                r.length(), r.mapped(), r.unmapped(), Integer.MAX_VALUE, r.bytes(), r.indexCrc32c())),
                summary(
                        "refs-absurd-record-count",
                        "mapped of 11 = 2^63 - 1",
                        r -> new ReferenceSummary(
                                r.length(), Long.MAX_VALUE, r.unmapped(), r.chunks(), r.bytes(), r.indexCrc32c())),
                summary(
                        "refs-negative-chunk-bytes",
                        "bytes of 11 = -1",
                        r -> new ReferenceSummary(
                                r.length(), r.mapped(), r.unmapped(), r.chunks(), -1, r.indexCrc32c())),
                summary(
                        "refs-length-differs-from-header",
                        "length of 11 = the header's + 1",
                        r -> new ReferenceSummary(
                                r.length() + 1, r.mapped(), r.unmapped(), r.chunks(), r.bytes(), r.indexCrc32c())),
                new Case(
                        "refs-entry-of-another-reference",
                        Layer.REFERENCE_TABLE,
                        false,
                        "the entries of 11 and 20 swapped byte for byte (each keeps its entry CRC32C)",
                        (d, t) -> {
                            int a = d.refId(REF);
                            int b = d.refId("20");
                            d.editReferenceTableBytes(table -> {
                                int offA = (int) ReferenceTable.offset(a);
                                int offB = (int) ReferenceTable.offset(b);
                                byte[] entryA = Arrays.copyOfRange(table, offA, offA + ReferenceTable.ENTRY_SIZE);
                                System.arraycopy(table, offB, table, offA, ReferenceTable.ENTRY_SIZE);
                                System.arraycopy(entryA, 0, table, offB, ReferenceTable.ENTRY_SIZE);
                            });
                        }));
    }

    /** The header with reference {@code name} renamed {@code newName} and given {@code length}. */
    private static BamHeader withReference(BamHeader h, String name, String newName, int length) {
        List<BamHeader.Reference> refs = new ArrayList<>(h.references());
        refs.set(h.referenceIndex(name), new BamHeader.Reference(newName, length));
        return new BamHeader(h.text(), refs);
    }

    private static Case header(String name, String change, UnaryOperator<BamHeader> edit) {
        return new Case(name, Layer.METADATA, false, change, (d, t) -> d.writeHeader(edit.apply(d.header())));
    }

    private static Case summary(String name, String change, UnaryOperator<ReferenceSummary> edit) {
        return new Case(name, Layer.REFERENCE_TABLE, false, change, (d, t) -> d.editSummary(REF, edit));
    }

    private static List<Case> recordCases() {
        return List.of(
                record(
                        "record-block-size-1gib",
                        "block_size of the unit's first record = 2^30",
                        (b, e) -> b.putInt(0, 1 << 30)),
                record("record-read-name-length-too-long", "l_read_name = 255", (b, e) -> b.put(12, (byte) 255)),
                record(
                        "record-read-name-not-terminated",
                        "l_read_name - 2 (the name loses its NUL)",
                        (b, e) -> b.put(12, (byte) ((b.get(12) & 0xff) - 2))),
                record("record-n-cigar-too-large", "n_cigar_op = 65535", (b, e) -> b.putShort(16, (short) 0xffff)),
                record(
                        "record-l-seq-wraps",
                        "l_seq = 2^31 - 3 (offsets wrap around in int arithmetic)",
                        (b, e) -> b.putInt(20, Integer.MAX_VALUE - 2)),
                record(
                        "record-pos-beyond-chunk",
                        "POS = chunk lastPos + 1 (block index and table unchanged)",
                        (b, e) -> b.putInt(8, e.lastPos() + 1)));
    }

    private static Case index(String name, String change, IndexEdit edit) {
        return new Case(
                name,
                Layer.BLOCK_INDEX,
                false,
                change,
                (d, t) -> d.writeBlockIndex(REF, t.chunk(), edit.apply(d.blockIndex(REF, t.chunk()), t.entry())));
    }

    private static Case entry(String name, String change, UnaryOperator<ChunkEntry> edit) {
        return new Case(
                name, Layer.CHUNK_TABLE, false, "target entry: " + change, (d, t) -> d.editEntry(REF, t.chunk(), edit));
    }

    private static Case meta(String name, String change, Consumer<ObjectNode> edit) {
        return new Case(name, Layer.METADATA, false, change, (d, t) -> d.editMetadata(edit));
    }

    private static Case record(String name, String change, BiConsumer<ByteBuffer, ChunkEntry> patch) {
        return new Case(
                name,
                Layer.RECORD,
                false,
                "unit 0 of the target chunk: " + change,
                (d, t) -> d.patchUnit(REF, t.chunk(), 0, b -> patch.accept(b, t.entry())));
    }

    private static BlockIndex offsets(BlockIndex i, int at, long value) {
        long[] o = i.offsets().clone();
        o[at] = value;
        return new BlockIndex(o, i.firstPos(), i.maxEnd(), i.records(), i.crc32c());
    }

    private static ChunkEntry with(
            ChunkEntry e, int firstPos, int lastPos, int maxEnd, int units, long bytes, long records) {
        return new ChunkEntry(firstPos, lastPos, maxEnd, e.part(), units, bytes, records, e.crc32c(), e.indexCrc32c());
    }

    /** A block index rewrite, given the chunk entry it belongs to. */
    @FunctionalInterface
    private interface IndexEdit {
        BlockIndex apply(BlockIndex index, ChunkEntry chunk);
    }
}
