package io.bams3.web.page;

/**
 * One row of the dataset list: what the dataset's metadata object says. {@code created} is the
 * conversion time as the metadata records it (ISO-8601). {@code error} is set (and the numbers are
 * zero) when the metadata could not be read; it names no storage location.
 */
public record DatasetSummary(
        String id, long records, long dataBytes, String codec, int chunks, String created, String error) {

    static DatasetSummary unreadable(String id, String error) {
        return new DatasetSummary(id, 0, 0, null, 0, null, error);
    }
}
