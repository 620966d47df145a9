package io.bams3.format;

import io.bams3.codec.FormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Block index of one chunk: for every compressed unit (a BGZF block, or the run of BGZF blocks
 * holding one record larger than a block, or a zstd frame), each starting at a record boundary,
 * its byte offset in the chunk, the POS of its first record (0-based, non-decreasing), and the
 * largest exclusive alignment end of the records in that unit. A region [beg, end) needs exactly
 * the units with {@code firstPos < end} and {@code maxEnd > beg}: a read with a long deletion or
 * N-skip that reaches a region pulls in its own unit, not every unit in between (the query layer
 * turns that into byte ranges).
 *
 * <p>Version 2 (dataset format version 3) also gives each unit its record count and the CRC32C
 * of its stored bytes, so a unit can be checked and passed on without decompressing it;
 * {@code records} and {@code crc32c} are null in a version 1 index.
 *
 * <p>Binary: "B3BI", u16 version, u16 entry size, u32 count, then entries: version 1 (16 bytes)
 * i64 offset, i32 firstPos, i32 maxEnd; version 2 (24 bytes) the same, then i32 records, u32 crc32c.
 */
public record BlockIndex(long[] offsets, int[] firstPos, int[] maxEnd, int[] records, int[] crc32c) {
    private static final byte[] MAGIC = {'B', '3', 'B', 'I'};
    public static final int VERSION_1 = 1;
    public static final int VERSION_2 = 2;
    private static final int ENTRY_SIZE_1 = 16;
    private static final int ENTRY_SIZE_2 = 24;
    /** The entry size of the block indexes this code writes (version 2). */
    public static final int ENTRY_SIZE = ENTRY_SIZE_2;

    public BlockIndex {
        if ((records == null) != (crc32c == null)) {
            throw new IllegalArgumentException("records and crc32c come together");
        }
    }

    /** A version 1 index: positions only. */
    public BlockIndex(long[] offsets, int[] firstPos, int[] maxEnd) {
        this(offsets, firstPos, maxEnd, null, null);
    }

    public int size() {
        return offsets.length;
    }

    public int version() {
        return hasUnitChecks() ? VERSION_2 : VERSION_1;
    }

    /** True if every unit's record count and stored-bytes CRC32C are known (version 2). */
    public boolean hasUnitChecks() {
        return crc32c != null;
    }

    /** The stored size of unit {@code i} in a chunk of {@code chunkBytes} bytes. */
    public long unitBytes(int i, long chunkBytes) {
        return (i + 1 < size() ? offsets[i + 1] : chunkBytes) - offsets[i];
    }

    public byte[] encode() {
        int entrySize = hasUnitChecks() ? ENTRY_SIZE_2 : ENTRY_SIZE_1;
        ByteBuffer b = ByteBuffer.allocate(12 + entrySize * size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) version()).putShort((short) entrySize).putInt(size());
        for (int i = 0; i < size(); i++) {
            b.putLong(offsets[i]).putInt(firstPos[i]).putInt(maxEnd[i]);
            if (hasUnitChecks()) {
                b.putInt(records[i]).putInt(crc32c[i]);
            }
        }
        return b.array();
    }

    /**
     * Decodes a block index of either version and checks its own order (§9): {@code offset[0] = 0},
     * offsets strictly increasing, {@code firstPos} non-decreasing, every {@code maxEnd > firstPos},
     * every unit's record count at least 1. Checks against the chunk entry are
     * {@link ChunkInvariants#blockIndex}.
     */
    public static BlockIndex decode(byte[] data, String source) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int version = IndexHeaders.checkOneOf(
                b, MAGIC, new int[] {VERSION_1, VERSION_2}, new int[] {ENTRY_SIZE_1, ENTRY_SIZE_2}, source);
        boolean checks = version == VERSION_2;
        int entrySize = checks ? ENTRY_SIZE_2 : ENTRY_SIZE_1;
        int count = b.getInt();
        if (count < 0 || 12L + (long) entrySize * count != data.length) {
            throw new FormatException(source + ": block index size does not match its entry count " + count);
        }
        long[] offsets = new long[count];
        int[] first = new int[count];
        int[] max = new int[count];
        int[] records = checks ? new int[count] : null;
        int[] crcs = checks ? new int[count] : null;
        for (int i = 0; i < count; i++) {
            offsets[i] = b.getLong();
            first[i] = b.getInt();
            max[i] = b.getInt();
            if (i == 0 ? offsets[0] != 0 : offsets[i] <= offsets[i - 1] || first[i] < first[i - 1]) {
                throw new FormatException(source + ": block index entries out of order at " + i
                        + " (offsets must start at 0 and increase, positions must not decrease)");
            }
            if (max[i] <= first[i]) {
                throw new FormatException(source + ": block index entry " + i + " ends at " + max[i]
                        + ", not beyond its first POS " + first[i]);
            }
            if (checks) {
                records[i] = b.getInt();
                crcs[i] = b.getInt();
                if (records[i] < 1) {
                    throw new FormatException(
                            source + ": block index entry " + i + " counts " + records[i] + " records, not at least 1");
                }
            }
        }
        return new BlockIndex(offsets, first, max, records, crcs);
    }
}
