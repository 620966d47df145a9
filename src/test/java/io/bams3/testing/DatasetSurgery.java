package io.bams3.testing;

import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import io.bams3.format.ChunkTable;
import io.bams3.format.DatasetLayout;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.LocalObjectStore;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32C;

/**
 * Edits the index objects of a local dataset and recomputes every checksum that covers them (the
 * chunk table's entry for a block index, the metadata's entry for a chunk table), so that only the
 * edited value is wrong: what a reader must catch by checking the value, not the checksum.
 */
public final class DatasetSurgery {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path dataset;

    public DatasetSurgery(Path dataset) { this.dataset = dataset; }

    /** The chunk table of a reference (by name). */
    public List<ChunkEntry> chunks(String ref) {
        return ChunkTable.decode(read(DatasetLayout.chunkTableKey(ref)), ref);
    }

    public BlockIndex blockIndex(String ref, int chunk) {
        return BlockIndex.decode(read(DatasetLayout.blockIndexKey(ref, chunks(ref).get(chunk))), ref);
    }

    /** Replaces the block index of chunk number {@code chunk} of {@code ref}, keeping all checksums valid. */
    public void rewriteBlockIndex(String ref, int chunk, UnaryOperator<BlockIndex> edit) {
        List<ChunkEntry> table = new ArrayList<>(chunks(ref));
        ChunkEntry e = table.get(chunk);
        String key = DatasetLayout.blockIndexKey(ref, e);
        byte[] index = edit.apply(BlockIndex.decode(read(key), key)).encode();
        write(key, index);
        table.set(chunk, new ChunkEntry(e.firstPos(), e.lastPos(), e.maxEnd(), e.part(), e.units(), e.bytes(), e.records(),
                e.crc32c(), crc(index)));
        rewriteChunkTable(ref, t -> table);
    }

    /** Replaces the chunk table of {@code ref} and the metadata's checksum (and count) of it. */
    public void rewriteChunkTable(String ref, UnaryOperator<List<ChunkEntry>> edit) {
        List<ChunkEntry> table = edit.apply(new ArrayList<>(chunks(ref)));
        byte[] bytes = ChunkTable.encode(table);
        write(DatasetLayout.chunkTableKey(ref), bytes);
        rewriteMetadata(m -> {
            for (var r : m.withArray("references")) {
                if (r.get("name").asString().equals(ref)) {
                    ((ObjectNode) r).put("indexCrc32c", DatasetMetadata.hex(crc(bytes)));
                    ((ObjectNode) r).put("chunks", table.size());
                }
            }
            return m;
        });
    }

    /** Edits the metadata JSON tree. */
    public void rewriteMetadata(UnaryOperator<ObjectNode> edit) {
        ObjectNode m = (ObjectNode) JSON.readTree(read(DatasetLayout.METADATA));
        write(DatasetLayout.METADATA, JSON.writeValueAsBytes(edit.apply(m)));
    }

    /** A copy of {@code index} with entry {@code i}'s offset moved by {@code delta}. */
    public static BlockIndex shiftOffset(BlockIndex index, int i, long delta) {
        long[] offsets = index.offsets().clone();
        offsets[i] += delta;
        return new BlockIndex(offsets, index.firstPos(), index.maxEnd());
    }

    private byte[] read(String key) {
        return new LocalObjectStore(dataset).getBytes(key);
    }

    private void write(String key, byte[] data) {
        try {
            Files.write(dataset.resolve(key), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int crc(byte[] data) {
        CRC32C c = new CRC32C();
        c.update(data);
        return (int) c.getValue();
    }
}
