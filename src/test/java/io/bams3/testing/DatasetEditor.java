package io.bams3.testing;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BgzfBlockCodec;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.ChunkTable;
import io.bams3.format.Crc32c;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.ReferenceSummary;
import io.bams3.format.ReferenceTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites single values of a bgzf dataset (format version 2 or 3) in a local directory and recomputes
 * everything that depends on them (object CRC32Cs in chunk tables, the reference table and the
 * metadata, entry CRC32Cs of the reference table, chunk sizes, offsets of later units, keys that
 * carry a changed span, totals), so that only the value under test is wrong. Reading uses the
 * format's decoders without their invariant checks.
 */
public final class DatasetEditor {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Reference name that stands for the unplaced records. */
    public static final String UNPLACED = "*";

    private final Path root;
    private final Path generation;

    public DatasetEditor(Path root) throws IOException {
        this.root = root;
        this.generation = TestFiles.generation(root);
    }

    public ObjectNode metadata() throws IOException {
        return (ObjectNode) JSON.readTree(Files.readAllBytes(root.resolve(DatasetLayout.METADATA)));
    }

    public void editMetadata(Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = metadata();
        edit.accept(m);
        Files.write(
                root.resolve(DatasetLayout.METADATA),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
    }

    public BamHeader header() throws IOException {
        return BamHeader.read(new ByteArrayInputStream(Files.readAllBytes(generation.resolve(DatasetLayout.HEADER))));
    }

    /**
     * Writes a header (in the generation, and its copy at the root) and records its size and
     * CRC32C in the metadata; the reference table is left as it is.
     */
    public void writeHeader(BamHeader header) throws IOException {
        byte[] bam = header.toBamBytes();
        Files.write(generation.resolve(DatasetLayout.HEADER), bam);
        Files.write(root.resolve(DatasetLayout.HEADER), bam);
        editMetadata(m -> {
            ObjectNode h = (ObjectNode) m.get("header");
            h.put("bytes", bam.length);
            h.put("crc32c", DatasetMetadata.hex(Crc32c.of(bam)));
        });
    }

    public List<ReferenceSummary> summaries() throws IOException {
        return ReferenceTable.decode(Files.readAllBytes(generation.resolve(DatasetLayout.REFERENCES)), "editor");
    }

    /** Writes the reference table as given and records its count, size and CRC32C in the metadata. */
    public void writeSummaries(List<ReferenceSummary> summaries) throws IOException {
        byte[] table = ReferenceTable.encode(summaries);
        Files.write(generation.resolve(DatasetLayout.REFERENCES), table);
        editMetadata(m -> {
            ObjectNode r = (ObjectNode) m.get("references");
            r.put("count", summaries.size());
            r.put("bytes", table.length);
            r.put("crc32c", DatasetMetadata.hex(Crc32c.of(table)));
        });
    }

    /** Rewrites the reference table entry of {@code ref} (its entry CRC32C follows). */
    public void editSummary(String ref, UnaryOperator<ReferenceSummary> edit) throws IOException {
        List<ReferenceSummary> all = new ArrayList<>(summaries());
        int i = refId(ref);
        all.set(i, edit.apply(all.get(i)));
        writeSummaries(all);
    }

    /** The raw bytes of the reference table, to be rewritten as they are; the metadata's CRC32C follows. */
    public void editReferenceTableBytes(Consumer<byte[]> edit) throws IOException {
        Path p = generation.resolve(DatasetLayout.REFERENCES);
        byte[] table = Files.readAllBytes(p);
        edit.accept(table);
        Files.write(p, table);
        editMetadata(m -> ((ObjectNode) m.get("references")).put("crc32c", DatasetMetadata.hex(Crc32c.of(table))));
    }

    public int refId(String name) throws IOException {
        int i = header().referenceIndex(name);
        if (i < 0) {
            throw new IllegalArgumentException("no reference " + name);
        }
        return i;
    }

    public List<ChunkEntry> table(String ref) throws IOException {
        return ChunkTable.decode(Files.readAllBytes(generation.resolve(tableKey(ref))), ref);
    }

    /**
     * Writes a chunk table as given (no objects renamed) and brings the reference table and the
     * metadata in line with it: chunk count, bytes, records (the difference goes to {@code mapped})
     * and the table's CRC32C, and the totals.
     */
    public void writeTable(String ref, List<ChunkEntry> entries) throws IOException {
        List<ChunkEntry> old = table(ref);
        byte[] table = ChunkTable.encode(entries);
        Files.write(generation.resolve(tableKey(ref)), table);
        long recordDelta = sum(entries, true) - sum(old, true);
        long byteDelta = sum(entries, false) - sum(old, false);
        int chunkDelta = entries.size() - old.size();
        if (ref.equals(UNPLACED)) {
            editMetadata(m -> {
                ObjectNode u = (ObjectNode) m.get("unplaced");
                u.put("chunks", entries.size());
                u.put("bytes", sum(entries, false));
                u.put("records", u.get("records").asLong() + recordDelta);
                u.put("indexCrc32c", DatasetMetadata.hex(Crc32c.of(table)));
            });
        } else {
            editSummary(
                    ref,
                    s -> new ReferenceSummary(
                            s.length(),
                            s.mapped() + recordDelta,
                            s.unmapped(),
                            entries.size(),
                            sum(entries, false),
                            Crc32c.of(table)));
        }
        editMetadata(m -> {
            m.put("records", m.get("records").asLong() + recordDelta);
            m.put("chunks", m.get("chunks").asInt() + chunkDelta);
            m.put("dataBytes", m.get("dataBytes").asLong() + byteDelta);
        });
    }

    /** Replaces entry {@code i}; its chunk and block index objects move if their key changes. */
    public void editEntry(String ref, int i, UnaryOperator<ChunkEntry> edit) throws IOException {
        List<ChunkEntry> entries = new ArrayList<>(table(ref));
        ChunkEntry before = entries.get(i);
        ChunkEntry after = edit.apply(before);
        entries.set(i, after);
        if (!ref.equals(UNPLACED)) {
            move(DatasetLayout.chunkKey(ref, before), DatasetLayout.chunkKey(ref, after));
            move(DatasetLayout.blockIndexKey(ref, before), DatasetLayout.blockIndexKey(ref, after));
        }
        writeTable(ref, entries);
    }

    public BlockIndex blockIndex(String ref, int chunk) throws IOException {
        return BlockIndex.decode(
                Files.readAllBytes(generation.resolve(
                        DatasetLayout.blockIndexKey(ref, table(ref).get(chunk)))),
                ref);
    }

    /** Writes the block index of chunk {@code chunk} and records its CRC32C in the chunk table. */
    public void writeBlockIndex(String ref, int chunk, BlockIndex index) throws IOException {
        byte[] bytes = index.encode();
        Files.write(
                generation.resolve(DatasetLayout.blockIndexKey(ref, table(ref).get(chunk))), bytes);
        editEntry(ref, chunk, e -> withObjects(e, e.bytes(), e.crc32c(), bytes));
    }

    /**
     * Patches the decompressed bytes of unit {@code unit} of a placed chunk (a little-endian buffer
     * positioned at the unit's first record), recompresses the unit as one BGZF block and shifts
     * the offsets of the units after it; the unit's CRC32C in the block index and the chunk's size
     * and CRC32C follow.
     */
    public void patchUnit(String ref, int chunk, int unit, Consumer<ByteBuffer> patch) throws IOException {
        ChunkEntry entry = table(ref).get(chunk);
        Path file = generation.resolve(DatasetLayout.chunkKey(ref, entry));
        byte[] data = Files.readAllBytes(file);
        BlockIndex index = blockIndex(ref, chunk);
        int from = (int) index.offsets()[unit];
        int to = unit + 1 < index.size() ? (int) index.offsets()[unit + 1] : data.length;
        byte[] raw;
        try (InputStream in =
                new BgzfBlockCodec().decompress(new ByteArrayInputStream(data, from, to - from), "unit")) {
            raw = in.readAllBytes();
        }
        patch.accept(ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN));
        byte[] block = new BgzfBlockCodec().compress(raw, raw.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(data, 0, from);
        out.write(block);
        out.write(data, to, data.length - to);
        byte[] rewritten = out.toByteArray();
        Files.write(file, rewritten);
        long shift = rewritten.length - data.length;
        long[] offsets = Arrays.copyOf(index.offsets(), index.size());
        for (int i = unit + 1; i < offsets.length; i++) {
            offsets[i] += shift;
        }
        int[] crcs = index.crc32c() == null ? null : index.crc32c().clone();
        if (crcs != null) {
            crcs[unit] = Crc32c.of(block);
        }
        byte[] indexBytes = new BlockIndex(offsets, index.firstPos(), index.maxEnd(), index.records(), crcs).encode();
        Files.write(generation.resolve(DatasetLayout.blockIndexKey(ref, entry)), indexBytes);
        editEntry(ref, chunk, e -> withObjects(e, rewritten.length, Crc32c.of(rewritten), indexBytes));
    }

    /** The entry with its chunk's size and CRC32C, and the CRC32C of its block index, as given. */
    private static ChunkEntry withObjects(ChunkEntry e, long bytes, int crc32c, byte[] blockIndex) {
        return new ChunkEntry(
                e.firstPos(),
                e.lastPos(),
                e.maxEnd(),
                e.part(),
                e.units(),
                bytes,
                e.records(),
                crc32c,
                Crc32c.of(blockIndex));
    }

    private void move(String from, String to) throws IOException {
        if (!from.equals(to)) {
            Files.move(generation.resolve(from), generation.resolve(to));
        }
    }

    private static String tableKey(String ref) {
        return ref.equals(UNPLACED) ? DatasetLayout.unplacedTableKey() : DatasetLayout.chunkTableKey(ref);
    }

    private static long sum(List<ChunkEntry> entries, boolean records) {
        long s = 0;
        for (ChunkEntry e : entries) {
            s += records ? e.records() : e.bytes();
        }
        return s;
    }
}
