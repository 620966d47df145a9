package io.bams3.bench;

import io.bams3.query.Region;

/**
 * Bytes a cold single-region query fetched, per object class, and the records it returned.
 *
 * @param recordBytes BGZF size of the returned records alone (-1 if not computed)
 * @param lead        how far before the region start the earliest returned record begins
 */
public record RegionMeasurement(Region region, long records, long dataBytes, long dataRequests, long metadataBytes,
                                long headerBytes, long indexBytes, long recordBytes, int lead) {

    public RegionMeasurement withRecordBytes(long bytes) {
        return new RegionMeasurement(region, records, dataBytes, dataRequests, metadataBytes, headerBytes, indexBytes,
                bytes, lead);
    }

    /** Data bytes read over the least a BGZF store could read for the same records. */
    public double ratio() { return (double) dataBytes / recordBytes; }
}
