package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BgzfBlockReader;
import io.bams3.codec.FormatException;
import io.bams3.codec.LittleEndian;
import io.bams3.codec.RecordStreamReader;
import io.bams3.format.BlockIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The BGZF units of one chunk read, handed to a {@link UnitConsumer}: a unit whose every record
 * the read wants goes on as its stored blocks, the others record by record. Where the read has
 * the chunk's unit checks (block index version 2), a unit the read wants whole is passed on
 * without being decompressed: {@code stored} has checked the CRC32C of its bytes on the way in
 * ({@link UnitCrcStream}); every other unit is decompressed and its records checked (block
 * CRC32s, record structure, placement, the unit's record count).
 */
final class BgzfUnits {
    private BgzfUnits() {}

    static void read(ChunkRead read, InputStream stored, RecordTally tally, UnitConsumer units, String source)
            throws IOException {
        if (read.units() == null) {
            decode(stored, tally, units, source);
            return;
        }
        BlockIndex index = read.units();
        try (InputStream in = stored) {
            for (int i = read.firstUnit();
                    i < index.size() && index.offsets()[i] < read.range().to();
                    i++) {
                long length = index.unitBytes(i, read.chunk().bytes());
                if (length > Integer.MAX_VALUE - 8) {
                    throw new FormatException(source + ": unit " + i + " claims " + length + " bytes");
                }
                byte[] unit = in.readNBytes((int) length);
                if (unit.length != length) {
                    throw new FormatException(source + " is truncated or corrupt (unit " + i + " has " + unit.length
                            + " of its " + length + " bytes)");
                }
                if (read.acceptsWholeUnit(i)) {
                    tally.acceptsUnit(index.records()[i], index.firstPos()[i]);
                    units.acceptBlocks(unit, 0, unit.length);
                } else {
                    long seen = tally.seen();
                    decode(new ByteArrayInputStream(unit), tally, units, source);
                    if (tally.seen() - seen != index.records()[i]) {
                        throw new FormatException(source + ": unit " + i + " holds " + (tally.seen() - seen)
                                + " records, block index says " + index.records()[i]);
                    }
                }
            }
        }
    }

    /**
     * Decodes BGZF units (a block, or the blocks of one large record: a unit ends where the
     * decompressed bytes end at a record boundary). A unit whose records are all accepted goes to
     * {@code units} as its stored blocks, after every check the records would get; of the others,
     * the accepted records go one by one.
     */
    private static void decode(InputStream stored, RecordTally tally, UnitConsumer units, String source)
            throws IOException {
        ByteArrayOutputStream blocksOfUnit = new ByteArrayOutputStream(1 << 16);
        byte[] data = new byte[1 << 17];
        int length = 0;
        int boundary = 0; // the start of the first record not yet known to be complete
        BamRecordView view = new BamRecordView();
        List<Integer> accepted = new ArrayList<>();
        try (BgzfBlockReader blocks = new BgzfBlockReader(stored, source)) {
            while (blocks.next()) {
                blocksOfUnit.write(blocks.compressed(), 0, blocks.compressedLength());
                if (length + blocks.dataLength() > data.length) {
                    data = Arrays.copyOf(data, Math.max(2 * data.length, length + blocks.dataLength()));
                }
                System.arraycopy(blocks.data(), 0, data, length, blocks.dataLength());
                length += blocks.dataLength();
                while (length - boundary >= 4) {
                    int size = RecordStreamReader.checkBlockSize(LittleEndian.i32(data, boundary), source);
                    if (length - boundary - 4 < size) {
                        break;
                    }
                    boundary += 4 + size;
                }
                if (boundary != length) {
                    continue; // a record goes on in the next block
                }
                accepted.clear();
                int records = 0;
                for (int off = 0; off < length; off += 4 + view.blockSize()) {
                    view.reset(data, off);
                    try {
                        view.checkStructure();
                    } catch (FormatException e) {
                        throw new FormatException(source + ": " + e.getMessage(), e);
                    }
                    records++;
                    if (tally.accepts(view)) {
                        accepted.add(off);
                    }
                }
                if (records > 0 && accepted.size() == records) {
                    units.acceptBlocks(blocksOfUnit.toByteArray(), 0, blocksOfUnit.size());
                } else {
                    for (int off : accepted) {
                        units.accept(view.reset(data, off));
                    }
                }
                blocksOfUnit.reset();
                length = 0;
                boundary = 0;
            }
        }
        if (length > 0) {
            throw new FormatException(source + " is truncated or corrupt (it ends inside a BAM record)");
        }
    }
}
