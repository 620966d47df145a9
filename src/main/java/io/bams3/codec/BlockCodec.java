package io.bams3.codec;

import java.io.InputStream;

/**
 * Compresses a run of whole BAM records into one independently decodable unit (a "block": one or
 * more BGZF blocks, or one zstd frame) and decodes a byte range made of whole units back into the
 * record stream. Implementations are stateless and thread-safe.
 */
public interface BlockCodec {

    /** Largest uncompressed run of records the assembler should put in one unit. */
    int targetUncompressedSize();

    /** Compressed bytes for {@code data[0, length)}; records larger than a unit may span several. */
    byte[] compress(byte[] data, int length);

    /**
     * Decompresses a stream made of whole units. Every unit is checked (CRC or content checksum);
     * a truncated or corrupt unit raises {@link FormatException} naming {@code source}.
     */
    InputStream decompress(InputStream compressed, String source);
}
