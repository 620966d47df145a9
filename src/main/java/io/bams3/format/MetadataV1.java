package io.bams3.format;

import io.bams3.codec.FlagStats;
import io.bams3.codec.FormatException;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code _metadata.json} of a format version 1 dataset (docs/FORMAT.md section 14), read so that
 * datasets written before version 2 keep working: it lists every reference, so it grows with the
 * header. Nothing writes it any more.
 */
public record MetadataV1(
        String format,
        int formatVersion,
        String codec,
        String created,
        Source source,
        long chunkTargetBytes,
        long records,
        Header header,
        List<Reference> references,
        DatasetMetadata.Unplaced unplaced,
        FlagStats flagstat) {

    public static final int VERSION = 1;

    /** The header object of version 1: the SAM text only; the reference list is in the metadata. */
    public static final String HEADER_KEY = "_header.sam";

    private static final JsonMapper JSON = JsonMapper.builder()
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
    public record Reference(
            String name, int length, long mapped, long unmapped, int chunks, long bytes, String indexCrc32c) {
        public long records() {
            return mapped + unmapped;
        }
    }

    public Codec codecValue() {
        return Codec.parse(codec);
    }

    public long dataBytes() {
        return references.stream().mapToLong(Reference::bytes).sum() + unplaced.bytes();
    }

    public int chunkCount() {
        return references.stream().mapToInt(Reference::chunks).sum() + unplaced.chunks();
    }

    /** The version 1 summaries in the form version 2 stores them (the names are in the header). */
    public List<ReferenceSummary> summaries() {
        return references.stream()
                .map(r -> new ReferenceSummary(
                        r.length(), r.mapped(), r.unmapped(), r.chunks(), r.bytes(), parseHex(r.indexCrc32c())))
                .toList();
    }

    /**
     * The parts of this metadata that version 2 has too, as version 2 metadata of generation
     * {@code ""} (version 1 objects sit at the dataset root); its reference table fields are those
     * a version 2 writer would give the same references.
     */
    public DatasetMetadata current() {
        return new DatasetMetadata(
                DatasetMetadata.FORMAT,
                VERSION,
                codec,
                created,
                "",
                new DatasetMetadata.Source(source.name(), source.bytes(), source.sha256()),
                chunkTargetBytes,
                records,
                chunkCount(),
                dataBytes(),
                new DatasetMetadata.Header(header.bytes(), header.crc32c()),
                new DatasetMetadata.References(references.size(), ReferenceTable.size(references.size()), "00000000"),
                unplaced,
                flagstat);
    }

    public static MetadataV1 fromJson(byte[] json, String source) {
        MetadataV1 m;
        try {
            m = JSON.readValue(json, MetadataV1.class);
        } catch (JacksonException e) {
            throw new FormatException(source + ": unreadable dataset metadata (" + e.getOriginalMessage() + ")", e);
        }
        if (!DatasetMetadata.FORMAT.equals(m.format())
                || m.references() == null
                || m.unplaced() == null
                || m.header() == null) {
            throw new FormatException(source + ": not BAMS3 metadata");
        }
        if (m.formatVersion() != VERSION) {
            throw new FormatException(source + ": unsupported format version " + m.formatVersion());
        }
        try {
            Codec.parse(String.valueOf(m.codec()));
            parseHex(m.header().crc32c());
            parseHex(m.unplaced().indexCrc32c());
            MetadataInvariants.checkV1(m, source);
        } catch (IllegalArgumentException e) {
            throw new FormatException(source + ": " + e.getMessage());
        }
        return m;
    }

    private static int parseHex(String hex) {
        return DatasetMetadata.parseHex(hex);
    }
}
