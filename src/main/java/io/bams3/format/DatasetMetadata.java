package io.bams3.format;

import io.bams3.codec.FlagStats;
import io.bams3.codec.FormatException;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Contents of {@code _metadata.json}, the object written last: a dataset exists once it does.
 * Checksums are CRC32C values written as 8 lowercase hex digits; the source checksum is SHA-256.
 */
public record DatasetMetadata(
        String format,
        int formatVersion,
        String codec,
        String created,
        Source source,
        long chunkTargetBytes,
        long records,
        Header header,
        List<ReferenceSummary> references,
        Unplaced unplaced,
        FlagStats flagstat) {

    public static final String FORMAT = "bams3";
    public static final int VERSION = 1;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The source BAM: file name, size and SHA-256 of its bytes. */
    public record Source(String name, long bytes, String sha256) {}

    /** The header object: its key, size and CRC32C. */
    public record Header(String key, long bytes, String crc32c) {}

    /**
     * One reference of the header, in header order. {@code mapped}/{@code unmapped} count records
     * without/with flag 0x4 placed on it, as samtools idxstats does.
     */
    public record ReferenceSummary(
            String name, int length, long mapped, long unmapped, int chunks, long bytes, String indexCrc32c) {
        public long records() {
            return mapped + unmapped;
        }
    }

    /** Records with refID -1 (samtools region "*"). */
    public record Unplaced(long records, int chunks, long bytes, String indexCrc32c) {}

    public Codec codecValue() {
        return Codec.parse(codec);
    }

    public long dataBytes() {
        return references.stream().mapToLong(ReferenceSummary::bytes).sum() + unplaced.bytes();
    }

    public int chunkCount() {
        return references.stream().mapToInt(ReferenceSummary::chunks).sum() + unplaced.chunks();
    }

    public byte[] toJson() {
        return JSON.writeValueAsBytes(this);
    }

    /**
     * Writes the same JSON as {@link #toJson()} to {@code out} as it is generated (the references
     * one at a time, so a header of millions of references is never one string in memory);
     * {@code out} is left open.
     */
    public void writeJson(OutputStream out) {
        JSON.writer().without(StreamWriteFeature.AUTO_CLOSE_TARGET).writeValue(out, this);
    }

    public static DatasetMetadata fromJson(byte[] json, String source) {
        DatasetMetadata m;
        try {
            m = JSON.readValue(json, DatasetMetadata.class);
        } catch (JacksonException e) {
            throw new FormatException(source + ": unreadable dataset metadata (" + e.getOriginalMessage() + ")", e);
        }
        if (!FORMAT.equals(m.format()) || m.references() == null || m.unplaced() == null || m.header() == null) {
            throw new FormatException(source + ": not BAMS3 metadata");
        }
        if (m.formatVersion() != VERSION) {
            throw new FormatException(source + ": unsupported format version " + m.formatVersion());
        }
        try {
            Codec.parse(String.valueOf(m.codec()));
            parseHex(m.header().crc32c());
            parseHex(m.unplaced().indexCrc32c());
            MetadataInvariants.check(m, source);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source + ": " + e.getMessage());
        }
        return m;
    }

    public static String hex(int crc) {
        return String.format("%08x", crc);
    }

    public static int parseHex(String hex) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{1,8}")) {
            throw new IllegalArgumentException("bad CRC32C value '" + hex + "'");
        }
        return (int) Long.parseLong(hex, 16);
    }
}
