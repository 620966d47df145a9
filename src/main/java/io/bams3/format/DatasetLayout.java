package io.bams3.format;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Object keys of a dataset (docs/FORMAT.md section 2). {@link #METADATA} and the header copy
 * {@link #HEADER} sit at the dataset root; every other key is relative to the root of the
 * generation the metadata names ({@link #generationPrefix(String)}). Positions in keys are
 * 0-based: {@code data/<ref>/<start>-<end>.chunk} holds the records whose POS lies in [start, end).
 */
public final class DatasetLayout {
    public static final String METADATA = "_metadata.json";
    /** The binary BAM header: in each generation, and a copy of the current one at the root. */
    public static final String HEADER = "_header.bam";

    public static final String REFERENCES = "_references.idx";
    public static final String GENERATIONS_DIR = "gen/";
    public static final String INDEX_DIR = "_index/";
    public static final String DATA_DIR = "data/";

    private static final DateTimeFormatter GENERATION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DatasetLayout() {}

    /** The key prefix of a generation's objects; {@code ""} for version 1 (objects at the root). */
    public static String generationPrefix(String generation) {
        return generation.isEmpty() ? "" : GENERATIONS_DIR + generation + "/";
    }

    /** A new generation name: its creation time to the second (UTC) and 32 random bits. */
    public static String newGeneration(Instant now, long random) {
        return GENERATION_TIME.format(now) + "-" + String.format("%08x", random & 0xffffffffL);
    }

    /** When a generation named by {@link #newGeneration} was created; empty for another name. */
    public static Optional<Instant> generationTime(String generation) {
        int dash = generation.indexOf('-');
        try {
            return Optional.of(
                    Instant.from(GENERATION_TIME.parse(dash < 0 ? generation : generation.substring(0, dash))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static String chunkKey(String refName, ChunkEntry chunk) {
        return DATA_DIR + escape(refName) + "/" + span(chunk) + ".chunk";
    }

    public static String blockIndexKey(String refName, ChunkEntry chunk) {
        return INDEX_DIR + escape(refName) + "/" + span(chunk) + ".idx";
    }

    public static String chunkTableKey(String refName) {
        return INDEX_DIR + escape(refName) + "/chunks.idx";
    }

    /** Unplaced unmapped records (refID -1): the first chunk is data/unmapped.chunk. */
    public static String unplacedChunkKey(int ordinal) {
        return ordinal == 0 ? DATA_DIR + "unmapped.chunk" : DATA_DIR + "unmapped." + ordinal + ".chunk";
    }

    public static String unplacedTableKey() {
        return INDEX_DIR + "unmapped.idx";
    }

    private static String span(ChunkEntry chunk) {
        String span = String.format("%010d-%010d", chunk.firstPos(), chunk.lastPos() + 1L);
        return chunk.part() == 0 ? span : span + "." + chunk.part();
    }

    /**
     * A reference name as one path segment: bytes outside [A-Za-z0-9_.-], a leading '.', and the
     * leading 'u' of a name starting with "unmapped." are percent-encoded (so "HLA-A*01:01" and
     * ".." stay inside their directory and no name collides with the unplaced objects' keys).
     */
    public static String escape(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 8);
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        boolean reserved = name.startsWith("unmapped.");
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean plain = (b >= 'A' && b <= 'Z')
                    || (b >= 'a' && b <= 'z')
                    || (b >= '0' && b <= '9')
                    || b == '_'
                    || b == '-'
                    || (b == '.' && i > 0);
            if (i == 0 && reserved) {
                plain = false;
            }
            if (plain) {
                sb.append((char) b);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(b >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
