package io.bams3.query;

import java.io.IOException;

/**
 * A {@link RecordConsumer} that can also take a BGZF unit whose every record it would accept as
 * the unit's stored blocks, so that they need not be compressed again. The reader has checked the
 * unit before it hands the blocks on: by the CRC32C of its stored bytes where the block index has
 * one (format version 3), else by decoding its records (block CRC32s, record structure, placement).
 */
public interface UnitConsumer extends RecordConsumer {
    /** {@code len} bytes of whole BGZF blocks from {@code blocks[off]}, starting at a record boundary. */
    void acceptBlocks(byte[] blocks, int off, int len) throws IOException;
}
