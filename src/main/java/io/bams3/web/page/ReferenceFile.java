package io.bams3.web.page;

import io.bams3.store.ByteRange;
import java.io.InputStream;

/**
 * One file of a reference sequence (the FASTA or its faidx index) wherever it lives, read by byte
 * ranges and never as a whole. Failures are htsget errors whose messages name no storage location.
 */
interface ReferenceFile {
    /** Its size in bytes; NotFound when it is not (or no longer) there. */
    long size();

    /** Bytes {@code [range.from, range.to)} (0-based, half-open) as a stream; short data is an error. */
    InputStream open(ByteRange range);
}
