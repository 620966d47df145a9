package io.bams3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.util.BlockCompressedStreamConstants;
import org.junit.jupiter.api.Test;

/** The BGZF numbers of the spec, checked against htsjdk's. */
class BgzfTest {
    @Test
    void numbersMatchHtsjdk() {
        assertThat(Bgzf.GZIP_ID1).isEqualTo(BlockCompressedStreamConstants.GZIP_ID1);
        assertThat(Bgzf.GZIP_ID2).isEqualTo(BlockCompressedStreamConstants.GZIP_ID2);
        assertThat(Bgzf.BGZF_ID1).isEqualTo(BlockCompressedStreamConstants.BGZF_ID1);
        assertThat(Bgzf.BGZF_ID2).isEqualTo(BlockCompressedStreamConstants.BGZF_ID2);
        assertThat(Bgzf.BLOCK_HEADER_LENGTH).isEqualTo(BlockCompressedStreamConstants.BLOCK_HEADER_LENGTH);
        assertThat(Bgzf.BLOCK_LENGTH_OFFSET).isEqualTo(BlockCompressedStreamConstants.BLOCK_LENGTH_OFFSET);
        assertThat(Bgzf.BLOCK_FOOTER_LENGTH).isEqualTo(BlockCompressedStreamConstants.BLOCK_FOOTER_LENGTH);
        assertThat(Bgzf.MAX_COMPRESSED_BLOCK_SIZE).isEqualTo(BlockCompressedStreamConstants.MAX_COMPRESSED_BLOCK_SIZE);
    }

    @Test
    void preambleAndEndOfFileBlockMatchHtsjdk() {
        byte[] preamble = new byte[BlockCompressedStreamConstants.GZIP_BLOCK_PREAMBLE.length];
        Bgzf.putPreamble(preamble);
        assertThat(preamble).containsExactly(BlockCompressedStreamConstants.GZIP_BLOCK_PREAMBLE);
        assertThat(Bgzf.eofBlock()).containsExactly(BlockCompressedStreamConstants.EMPTY_GZIP_BLOCK);
        assertThat(BgzfBlockCodec.EOF_BLOCK).containsExactly(BlockCompressedStreamConstants.EMPTY_GZIP_BLOCK);
    }
}
