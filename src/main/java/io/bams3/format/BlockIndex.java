package io.bams3.format;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Block index of one chunk: for every compressed unit (a BGZF block, or the run of BGZF blocks
 * holding one record larger than a block, or a zstd frame), each starting at a record boundary, its byte offset in the chunk, the POS of its first record, and the running maximum of the
 * exclusive alignment end over all records up to and including that unit. Both position columns
 * are non-decreasing, so the units a region [beg, end) needs are found by two binary searches.
 * Binary: "B3BI", u16 version, u16 entry size (16), u32 count, then entries (i64, i32, i32).
 */
public record BlockIndex(long[] offsets, int[] firstPos, int[] maxEnd) {
    private static final byte[] MAGIC = {'B', '3', 'B', 'I'};
    private static final int VERSION = 1;
    public static final int ENTRY_SIZE = 16;

    public int size() { return offsets.length; }

    /**
     * Byte range [from, to) of the units that hold every record overlapping [beg, end), for a chunk
     * of {@code chunkBytes} bytes; null if no unit can hold one.
     */
    public ByteRange rangeFor(int beg, int end, long chunkBytes) {
        int n = offsets.length;
        // first unit whose running max end passes beg: earlier units only hold records ending <= beg
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxEnd[mid] > beg) hi = mid; else lo = mid + 1;
        }
        int first = lo;
        // last unit whose first record starts before end: later units start at or after end
        lo = 0;
        hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (firstPos[mid] < end) lo = mid + 1; else hi = mid;
        }
        int last = lo - 1;
        if (first >= n || last < first) {
            return null;
        }
        long to = last + 1 < n ? offsets[last + 1] : chunkBytes;
        return new ByteRange(offsets[first], to);
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(12 + ENTRY_SIZE * size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) ENTRY_SIZE).putInt(size());
        for (int i = 0; i < size(); i++) {
            b.putLong(offsets[i]).putInt(firstPos[i]).putInt(maxEnd[i]);
        }
        return b.array();
    }

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
            if (i > 0 && (offsets[i] <= offsets[i - 1] || first[i] < first[i - 1] || max[i] < max[i - 1])) {
                throw new FormatException(source + ": block index entries out of order at " + i);
            }
        }
        return new BlockIndex(offsets, first, max);
    }
}
