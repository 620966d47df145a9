package io.bams3.format;

import io.bams3.codec.FormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary chunk table of one reference (or of the unplaced records): a 12-byte header
 * ("B3CT", u16 version, u16 entry size, u32 count) and fixed 44-byte little-endian entries in
 * file order. Small and fixed-width so that a reader can fetch it in one request.
 */
public final class ChunkTable {
    private static final byte[] MAGIC = {'B', '3', 'C', 'T'};
    private static final int VERSION = 1;
    public static final int HEADER_SIZE = 12;
    public static final int ENTRY_SIZE = 44;

    private ChunkTable() {}

    public static byte[] encode(List<ChunkEntry> entries) {
        ByteBuffer b =
                ByteBuffer.allocate(HEADER_SIZE + ENTRY_SIZE * entries.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) ENTRY_SIZE).putInt(entries.size());
        for (ChunkEntry e : entries) {
            b.putInt(e.firstPos())
                    .putInt(e.lastPos())
                    .putInt(e.maxEnd())
                    .putInt(e.part())
                    .putInt(e.units())
                    .putLong(e.bytes())
                    .putLong(e.records())
                    .putInt(e.crc32c())
                    .putInt(e.indexCrc32c());
        }
        return b.array();
    }

    public static List<ChunkEntry> decode(byte[] data, String source) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        IndexHeaders.check(b, MAGIC, VERSION, ENTRY_SIZE, source);
        int count = b.getInt();
        if (count < 0 || (long) HEADER_SIZE + (long) ENTRY_SIZE * count != data.length) {
            throw new FormatException(source + ": chunk table size does not match its entry count " + count);
        }
        List<ChunkEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(new ChunkEntry(
                    b.getInt(),
                    b.getInt(),
                    b.getInt(),
                    b.getInt(),
                    b.getInt(),
                    b.getLong(),
                    b.getLong(),
                    b.getInt(),
                    b.getInt()));
        }
        return out;
    }
}
