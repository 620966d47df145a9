package io.bams3.query;

import io.bams3.codec.BamRecordView;
import io.bams3.codec.BamWriter;
import io.bams3.codec.FormatException;
import io.bams3.format.Codec;
import io.bams3.format.DatasetMetadata;
import io.bams3.store.ObjectNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes the records of planned reads as BGZF blocks (no header, no EOF). With the bgzf codec, a
 * whole chunk whose every record is wanted is copied as stored (its bytes are BGZF blocks that
 * start at record boundaries) and checked against its CRC32C. Of the other reads, a unit (BGZF
 * block) whose every record is wanted is also passed on as stored, once checked (by its stored
 * CRC32C where the block index has one, else decoded); only the units at the edges of a region
 * are filtered and compressed again. A failed check throws after the bytes before it were written.
 */
public final class BamBlockStreamer {
    private final Dataset dataset;
    private final long readAheadBytes;
    private final FetchPool pool;

    /** A streamer whose reads fetch on {@code pool} (null: a pool of their own, per query). */
    public BamBlockStreamer(Dataset dataset, long readAheadBytes, FetchPool pool) {
        this.dataset = dataset;
        this.readAheadBytes = readAheadBytes;
        this.pool = pool;
    }

    /** Returns the number of records written. */
    public long write(List<ChunkRead> plan, OutputStream out) throws IOException {
        boolean raw = dataset.codec() == Codec.BGZF;
        long records = 0;
        int i = 0;
        while (i < plan.size()) {
            if (raw && copyable(plan.get(i))) {
                records += copy(plan.get(i), out);
                i++;
                continue;
            }
            int j = i;
            while (j < plan.size() && !(raw && copyable(plan.get(j)))) {
                j++;
            }
            BamWriter writer = BamWriter.recordsOnly(out);
            records += new RecordReader(dataset, readAheadBytes, pool).read(plan.subList(i, j), new UnitConsumer() {
                @Override
                public void accept(BamRecordView record) throws IOException {
                    writer.write(record);
                }

                @Override
                public void acceptBlocks(byte[] blocks, int off, int len) throws IOException {
                    writer.writeBlocks(blocks, off, len);
                }
            });
            writer.close();
            i = j;
        }
        return records;
    }

    /** A whole chunk of which every record is wanted: no filter, or one covering all its positions. */
    private static boolean copyable(ChunkRead read) {
        if (!read.whole() || !read.startsInside()) {
            return false;
        }
        if (read.filters().isEmpty()) {
            return true;
        }
        for (Region f : read.filters()) {
            if (f.isUnplaced() || read.chunk().coveredBy(f.beg(), f.end())) {
                return true;
            }
        }
        return false;
    }

    private long copy(ChunkRead read, OutputStream out) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = dataset.store().get(read.key(), read.range())) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                crc.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        } catch (ObjectNotFoundException e) {
            throw dataset.missing(read.key());
        }
        if ((int) crc.getValue() != read.chunk().crc32c()) {
            throw new FormatException(
                    dataset.store().location() + "/" + read.key() + " fails its CRC32C check (expected "
                            + DatasetMetadata.hex(read.chunk().crc32c()) + ", got "
                            + DatasetMetadata.hex((int) crc.getValue()) + ")");
        }
        return read.chunk().records();
    }
}
