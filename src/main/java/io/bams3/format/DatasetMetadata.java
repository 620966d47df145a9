package io.bams3.format;

import io.bams3.codec.FlagStats;
import io.bams3.codec.FormatException;
import java.util.List;

/**
 * Contents of {@code _metadata.json} (format versions 3 and 2, docs/FORMAT.md section 3): the object
 * written last and replaced in one step, so a dataset exists once it does and is the generation it
 * names. Its size does not depend on the number of references: what a reader needs per reference
 * is in the header and reference table objects of the generation. Checksums are CRC32C values
 * written as 8 lowercase hex digits; the source checksum is SHA-256.
 */
public record DatasetMetadata(
        String format,
        int formatVersion,
        String codec,
        String created,
        String generation,
        Source source,
        long chunkTargetBytes,
        long records,
        int chunks,
        long dataBytes,
        Header header,
        References references,
        Unplaced unplaced,
        FlagStats flagstat) {

    public static final String FORMAT = "bams3";
    /** The version this code writes: 3, whose block indexes give each unit's records and CRC32C (§14). */
    public static final int VERSION = 3;

    /** The previous version, read as well: the same layout, block indexes of version 1. */
    public static final int VERSION_2 = 2;

    /** The source BAM: file name, size and SHA-256 of its bytes. */
    public record Source(String name, long bytes, String sha256) {}

    /** The generation's header object ({@link DatasetLayout#HEADER}): its size and CRC32C. */
    public record Header(long bytes, String crc32c) {}

    /**
     * The generation's reference table ({@link DatasetLayout#REFERENCES}): one entry per header
     * reference; its size and the CRC32C of the whole object.
     */
    public record References(int count, long bytes, String crc32c) {}

    /** Records with refID -1 (samtools region "*"). */
    public record Unplaced(long records, int chunks, long bytes, String indexCrc32c) {}

    public Codec codecValue() {
        return Codec.parse(codec);
    }

    /** Where this generation's objects are: {@code gen/<generation>/}. */
    public String generationPrefix() {
        return DatasetLayout.generationPrefix(generation);
    }

    /**
     * Checks a whole reference table against this metadata: one entry per reference, and the
     * sums of its records, chunks and bytes plus the unplaced ones equal the totals.
     */
    public void checkTotals(List<ReferenceSummary> summaries, String source) {
        if (summaries.size() != references.count()) {
            throw new FormatException(
                    source + ": " + summaries.size() + " reference entries, metadata says " + references.count());
        }
        MetadataInvariants.totals(this, summaries, source);
    }

    /** The version of block index this dataset's chunks have (§9): 2 from format version 3 on, else 1. */
    public int blockIndexVersion() {
        return formatVersion >= VERSION ? BlockIndex.VERSION_2 : BlockIndex.VERSION_1;
    }

    public byte[] toJson() {
        return RecordJson.write(this);
    }

    /** What every version's metadata starts with: the format's name and the version. */
    record Identity(String format, int formatVersion) {}

    /** The {@code formatVersion} of a metadata object, before it is read as that version. */
    public static int versionOf(byte[] json, String source) {
        Identity id = read(json, Identity.class, source);
        if (!FORMAT.equals(id.format())) {
            throw new FormatException(source + ": not BAMS3 metadata");
        }
        if (id.formatVersion() <= 0) {
            throw new FormatException(source + ": no format version");
        }
        return id.formatVersion();
    }

    private static <T extends Record> T read(byte[] json, Class<T> type, String source) {
        try {
            return RecordJson.read(json, type);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source + ": unreadable dataset metadata (" + e.getMessage() + ")", e);
        }
    }

    public static DatasetMetadata fromJson(byte[] json, String source) {
        DatasetMetadata m = read(json, DatasetMetadata.class, source);
        if (!FORMAT.equals(m.format())
                || m.references() == null
                || m.unplaced() == null
                || m.header() == null
                || m.source() == null
                || m.flagstat() == null) {
            throw new FormatException(source + ": not BAMS3 metadata");
        }
        if (m.formatVersion() != VERSION && m.formatVersion() != VERSION_2) {
            throw new FormatException(source + ": unsupported format version " + m.formatVersion());
        }
        try {
            Codec.parse(String.valueOf(m.codec()));
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
