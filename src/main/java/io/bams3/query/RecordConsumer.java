package io.bams3.query;

import io.bams3.codec.BamHeader;
import io.bams3.codec.BamRecordView;
import io.bams3.codec.SamTextFormatter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Receives records in file order; the view is only valid during the call. */
@FunctionalInterface
public interface RecordConsumer {
    void accept(BamRecordView record) throws IOException;

    /** Writes each record as a SAM text line, as samtools view prints it. */
    static RecordConsumer samLines(BamHeader header, OutputStream out) {
        SamTextFormatter formatter = new SamTextFormatter(header.references());
        StringBuilder line = new StringBuilder(1024);
        return r -> {
            line.setLength(0);
            formatter.format(r, line);
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.ISO_8859_1));
        };
    }
}
