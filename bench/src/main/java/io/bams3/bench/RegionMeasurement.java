package io.bams3.bench;

import io.bams3.query.Region;

/**
 * Bytes a cold single-region query fetched, per object class, and the records it returned, with
 * the two baselines of the region (the same for every dataset of one BAM).
 *
 * @param recordBytes BGZF size of the returned records alone (-1 until known)
 * @param baiBytes    bytes a .bai-driven reader fetches from the source BAM (-1 until known)
 * @param lead        how far before the region start the earliest returned record begins
 */
public record RegionMeasurement(
        Region region,
        long records,
        long dataBytes,
        long dataRequests,
        long metadataBytes,
        long headerBytes,
        long indexBytes,
        int lead,
        long recordBytes,
        long baiBytes) {

    public RegionMeasurement withBaselines(long recordBytes, long baiBytes) {
        return new RegionMeasurement(
                region,
                records,
                dataBytes,
                dataRequests,
                metadataBytes,
                headerBytes,
                indexBytes,
                lead,
                recordBytes,
                baiBytes);
    }

    /** Data bytes read over the least a BGZF store could read for the same records. */
    public double ratio() {
        return (double) dataBytes / recordBytes;
    }

    /** The same for the source BAM read through its .bai. */
    public double baiRatio() {
        return (double) baiBytes / recordBytes;
    }
}
