package io.bams3.query;

import io.bams3.format.BamRecordView;

import java.io.IOException;

/** Receives records in file order; the view is only valid during the call. */
@FunctionalInterface
public interface RecordConsumer {
    void accept(BamRecordView record) throws IOException;
}
