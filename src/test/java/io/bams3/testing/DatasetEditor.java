package io.bams3.testing;

import io.bams3.codec.BgzfBlockCodec;
import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.ChunkTable;
import io.bams3.format.Crc32c;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites single values of a bgzf dataset in a local directory and recomputes everything that
 * depends on them (object CRC32Cs in chunk tables and metadata, chunk sizes, offsets of later
 * units, keys that carry a changed span, metadata totals), so that only the value under test is
 * wrong. Reading uses the format's decoders without their invariant checks.
 */
public final class DatasetEditor {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Reference name that stands for the unplaced records. */
    public static final String UNPLACED = "*";

    private final Path root;

    public DatasetEditor(Path root) {
        this.root = root;
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

    /** The metadata entry of a reference, within {@code m}. */
    public static ObjectNode reference(ObjectNode m, String name) {
        for (JsonNode r : m.get("references")) {
            if (r.get("name").asString().equals(name)) {
                return (ObjectNode) r;
            }
        }
        throw new IllegalArgumentException("no reference " + name);
    }

    public List<ChunkEntry> table(String ref) throws IOException {
        return ChunkTable.decode(Files.readAllBytes(root.resolve(tableKey(ref))), ref);
    }

    /**
     * Writes a chunk table as given (no objects renamed) and brings the metadata in line with it:
     * chunk count, bytes, records (the difference goes to {@code mapped}) and the table's CRC32C.
     */
    public void writeTable(String ref, List<ChunkEntry> entries) throws IOException {
        List<ChunkEntry> old = table(ref);
        byte[] table = ChunkTable.encode(entries);
        Files.write(root.resolve(tableKey(ref)), table);
        long recordDelta = sum(entries, true) - sum(old, true);
        editMetadata(m -> {
            ObjectNode summary = ref.equals(UNPLACED) ? (ObjectNode) m.get("unplaced") : reference(m, ref);
            summary.put("chunks", entries.size());
            summary.put("bytes", sum(entries, false));
            String counted = ref.equals(UNPLACED) ? "records" : "mapped";
            summary.put(counted, summary.get(counted).asLong() + recordDelta);
            summary.put("indexCrc32c", DatasetMetadata.hex(Crc32c.of(table)));
            m.put("records", m.get("records").asLong() + recordDelta);
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
                Files.readAllBytes(
                        root.resolve(DatasetLayout.blockIndexKey(ref, table(ref).get(chunk)))),
                ref);
    }

    /** Writes the block index of chunk {@code chunk} and records its CRC32C in the chunk table. */
    public void writeBlockIndex(String ref, int chunk, BlockIndex index) throws IOException {
        byte[] bytes = index.encode();
        Files.write(root.resolve(DatasetLayout.blockIndexKey(ref, table(ref).get(chunk))), bytes);
        editEntry(ref, chunk, e -> withObjects(e, e.bytes(), e.crc32c(), bytes));
    }

    /**
     * Patches the decompressed bytes of unit {@code unit} of a placed chunk (a little-endian buffer
     * positioned at the unit's first record), recompresses the unit as one BGZF block and shifts
     * the offsets of the units after it; the chunk's size and CRC32C follow.
     */
    public void patchUnit(String ref, int chunk, int unit, Consumer<ByteBuffer> patch) throws IOException {
        ChunkEntry entry = table(ref).get(chunk);
        Path file = root.resolve(DatasetLayout.chunkKey(ref, entry));
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
        byte[] indexBytes = new BlockIndex(offsets, index.firstPos(), index.maxEnd()).encode();
        Files.write(root.resolve(DatasetLayout.blockIndexKey(ref, entry)), indexBytes);
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
            Files.move(root.resolve(from), root.resolve(to));
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
