package io.bams3.format;

import io.bams3.codec.FormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.zip.CRC32C;

/**
 * The reference table {@code _references.idx} (docs/FORMAT.md section 7): a 12-byte header
 * ("B3RT", u16 version, u16 entry size, u32 count) and one fixed 40-byte little-endian entry per
 * header reference, in header order, so that a reader fetches the entry of refID {@code i} alone,
 * by range, at {@link #offset(int)}. Each entry carries a CRC32C of its refID and its other 36
 * bytes, so an entry read alone is checked and cannot pass for another reference's.
 */
public final class ReferenceTable {
    private static final byte[] MAGIC = {'B', '3', 'R', 'T'};
    private static final int VERSION = 1;
    public static final int HEADER_SIZE = 12;
    public static final int ENTRY_SIZE = 40;

    private ReferenceTable() {}

    /** Size of a table of {@code count} entries. */
    public static long size(int count) {
        return HEADER_SIZE + (long) ENTRY_SIZE * count;
    }

    /** Where the entry of refID {@code ref} starts. */
    public static long offset(int ref) {
        return HEADER_SIZE + (long) ENTRY_SIZE * ref;
    }

    /**
     * Streams the table of {@code count} references to {@code out} (left open), one entry at a
     * time; returns the CRC32C of everything written.
     */
    public static int write(OutputStream out, int count, IntFunction<ReferenceSummary> summaries) throws IOException {
        CRC32C crc = new CRC32C();
        ByteBuffer head = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putShort((short) VERSION).putShort((short) ENTRY_SIZE).putInt(count);
        out.write(head.array());
        crc.update(head.array());
        ByteBuffer batch = ByteBuffer.allocate(ENTRY_SIZE * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (batch.remaining() < ENTRY_SIZE) {
                flush(batch, out, crc);
            }
            encodeEntry(batch, i, summaries.apply(i));
        }
        flush(batch, out, crc);
        return (int) crc.getValue();
    }

    public static byte[] encode(List<ReferenceSummary> summaries) {
        ByteBuffer b = ByteBuffer.allocate((int) size(summaries.size())).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putShort((short) VERSION).putShort((short) ENTRY_SIZE).putInt(summaries.size());
        for (int i = 0; i < summaries.size(); i++) {
            encodeEntry(b, i, summaries.get(i));
        }
        return b.array();
    }

    /** The entry of refID {@code ref}, as fetched alone: checked against its own CRC32C. */
    public static ReferenceSummary decodeEntry(byte[] entry, int ref, String source) {
        if (entry.length != ENTRY_SIZE) {
            throw new FormatException(
                    source + ": reference entry " + ref + " has " + entry.length + " bytes, not " + ENTRY_SIZE);
        }
        return decodeEntry(ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN), ref, source);
    }

    /** The whole table: header checked, size = 12 + 40 x count, every entry checked. */
    public static List<ReferenceSummary> decode(byte[] data, String source) {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        IndexHeaders.check(b, MAGIC, VERSION, ENTRY_SIZE, source);
        int count = b.getInt();
        if (count < 0 || size(count) != data.length) {
            throw new FormatException(source + ": reference table size does not match its entry count " + count);
        }
        List<ReferenceSummary> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(decodeEntry(b, i, source));
        }
        return out;
    }

    private static ReferenceSummary decodeEntry(ByteBuffer b, int ref, String source) {
        int start = b.position();
        ReferenceSummary s =
                new ReferenceSummary(b.getInt(), b.getLong(), b.getLong(), b.getInt(), b.getLong(), b.getInt());
        int stored = b.getInt();
        if (stored != entryCrc(b, start, ref)) {
            throw new FormatException(source + ": the entry of reference " + ref + " fails its CRC32C check");
        }
        return s;
    }

    private static void encodeEntry(ByteBuffer b, int ref, ReferenceSummary s) {
        int start = b.position();
        b.putInt(s.length())
                .putLong(s.mapped())
                .putLong(s.unmapped())
                .putInt(s.chunks())
                .putLong(s.bytes())
                .putInt(s.indexCrc32c());
        b.putInt(entryCrc(b, start, ref));
    }

    /** CRC32C of the refID (i32) followed by the entry's first 36 bytes. */
    private static int entryCrc(ByteBuffer b, int start, int ref) {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, ref));
        crc.update(b.duplicate().position(start).limit(start + ENTRY_SIZE - 4));
        return (int) crc.getValue();
    }

    private static void flush(ByteBuffer batch, OutputStream out, CRC32C crc) throws IOException {
        batch.flip();
        crc.update(batch.duplicate());
        out.write(batch.array(), 0, batch.limit());
        batch.clear();
    }
}
