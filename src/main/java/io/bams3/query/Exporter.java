package io.bams3.query;

import io.bams3.format.BamWriter;
import io.bams3.format.BgzfBlockCodec;
import io.bams3.format.Codec;
import io.bams3.format.DatasetMetadata;
import io.bams3.format.FormatException;
import io.bams3.store.ObjectNotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Writes the whole dataset back as one BAM. For the bgzf codec chunk bytes are already BGZF
 * blocks starting at record boundaries, so they are copied as they are (checked against their
 * CRC32C); other codecs are decoded and recompressed.
 */
public final class Exporter {
    private final Dataset dataset;

    public Exporter(Dataset dataset) { this.dataset = dataset; }

    /** Writes header, every record, and the EOF block; returns the number of records. */
    public long export(OutputStream out) throws IOException {
        List<ChunkRead> reads = new QueryPlanner(dataset).everything();
        if (dataset.codec() != Codec.BGZF) {
            BamWriter writer = new BamWriter(out, dataset.header());
            long n = new RecordReader(dataset).read(reads, writer::write);
            writer.close();
            return n;
        }
        byte[] header = dataset.header().toBamBytes();
        new BgzfBlockCodec().write(header, header.length, out);
        long records = 0;
        byte[] buf = new byte[1 << 16];
        for (ChunkRead read : reads) {
            CRC32C crc = new CRC32C();
            try (InputStream in = dataset.store().get(read.key(), read.range())) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    crc.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            } catch (ObjectNotFoundException e) {
                throw new FormatException("dataset " + dataset.store().location() + " is missing chunk " + read.key());
            }
            if ((int) crc.getValue() != read.chunk().crc32c()) {
                throw new FormatException(dataset.store().location() + "/" + read.key() + " fails its CRC32C check (expected "
                        + DatasetMetadata.hex(read.chunk().crc32c()) + ", got " + DatasetMetadata.hex((int) crc.getValue()) + ")");
            }
            records += read.chunk().records();
        }
        out.write(BgzfBlockCodec.EOF_BLOCK);
        out.flush();
        return records;
    }
}
