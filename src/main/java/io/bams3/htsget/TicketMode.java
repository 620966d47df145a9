package io.bams3.htsget;

/**
 * How tickets point at data. STREAMED: this service's data endpoint streams the records.
 * PRESIGNED: presigned store URLs with byte ranges of the chunk objects, for bgzf datasets on a
 * store that can sign URLs (S3); the service serves no data bytes, and field/tag filters are not
 * applied (a superset, as htsget allows). Datasets that cannot be presigned are streamed.
 * AUTO: presigned where possible and no filter is asked for, streamed otherwise.
 */
public enum TicketMode {
    STREAMED,
    PRESIGNED,
    AUTO
}
