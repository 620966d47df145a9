package io.bams3.format;

import io.bams3.codec.FormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Block index of one chunk: for every compressed unit (a BGZF block, or the run of BGZF blocks
 * holding one record larger than a block, or a zstd frame), each starting at a record boundary,
 * its byte offset in the chunk, the POS of its first record (non-decreasing), and the largest
 * exclusive alignment end of the records in that unit. A region [beg, end) needs exactly the
 * units with {@code firstPos < end} and {@code maxEnd > beg}: a read with a long deletion or
 * N-skip that reaches a region pulls in its own unit, not every unit in between (the query layer
 * turns that into byte ranges).
 * Binary: "B3BI", u16 version, u16 entry size (16), u32 count, then entries (i64, i32, i32).
 */
public record BlockIndex(long[] offsets, int[] firstPos, int[] maxEnd) {
    private static final byte[] MAGIC = {'B', '3', 'B', 'I'};
    private static final int VERSION = 1;
    public static final int ENTRY_SIZE = 16;

    public int size() {
        return offsets.length;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(12 + ENTRY_SIZE * size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) ENTRY_SIZE).putInt(size());
        for (int i = 0; i < size(); i++) {
            b.putLong(offsets[i]).putInt(firstPos[i]).putInt(maxEnd[i]);
        }
        return b.array();
    }

    /**
     * Decodes a block index and checks its own order (§9): {@code offset[0] = 0}, offsets strictly
     * increasing, {@code firstPos} non-decreasing, every {@code maxEnd > firstPos}. Checks against
     * the chunk entry are {@link ChunkInvariants#blockIndex}.
     */
    public static BlockIndex decode(byte[] data, String source) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        IndexHeaders.check(b, MAGIC, VERSION, ENTRY_SIZE, source);
        int count = b.getInt();
        if (count < 0 || 12L + (long) ENTRY_SIZE * count != data.length) {
            throw new FormatException(source + ": block index size does not match its entry count " + count);
        }
        long[] offsets = new long[count];
        int[] first = new int[count];
        int[] max = new int[count];
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
        }
        return new BlockIndex(offsets, first, max);
    }
}
