package io.bams3.query;

import io.bams3.codec.BgzfBlockCodec;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes the whole dataset back as one BAM. For the bgzf codec chunk bytes are already BGZF
 * blocks starting at record boundaries, so they are copied as they are (checked against their
 * CRC32C); other codecs are decoded and recompressed.
 */
public final class Exporter {
    private final Dataset dataset;

    public Exporter(Dataset dataset) {
        this.dataset = dataset;
    }

    /** Writes header, every record, and the EOF block; returns the number of records. */
    public long export(OutputStream out) throws IOException {
        out.write(dataset.headerBlocks());
        long records = new BamBlockStreamer(dataset, RecordReader.READ_AHEAD_BYTES, null)
                .write(new QueryPlanner(dataset).everything(), out);
        out.write(BgzfBlockCodec.EOF_BLOCK);
        out.flush();
        return records;
    }
}
