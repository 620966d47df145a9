package io.bams3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BamHeaderWriteTest {
    @Test
    void writesTheBinaryHeaderByteForByte() throws IOException {
        BamHeader h = new BamHeader(
                "@HD\tVN:1.6\n".getBytes(StandardCharsets.US_ASCII), List.of(new BamHeader.Reference("chrM", 16_569)));
        // "BAM\1", l_text 11, the text, n_ref 1, l_name 5, "chrM\0", l_ref 16569
        assertThat(HexFormat.of().formatHex(h.toBamBytes()))
                .isEqualTo("42414d01" + "0b000000" + "40484409564e 3a312e360a".replace(" ", "") + "01000000"
                        + "05000000" + "6368724d00" + "b9400000");
        assertThat(h.bamSize()).isEqualTo(h.toBamBytes().length);
    }

    @Test
    void aStreamedHeaderOfManyReferencesIsTheSameAndReadsBack() throws IOException {
        List<BamHeader.Reference> refs = IntStream.range(0, 20_000)
                .mapToObj(i -> new BamHeader.Reference("ctg" + i, 1000 + i))
                .toList();
        BamHeader h = new BamHeader("@HD\tVN:1.6\n".getBytes(StandardCharsets.US_ASCII), refs);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        h.write(out);
        assertThat(out.toByteArray()).isEqualTo(h.toBamBytes()).hasSize((int) h.bamSize());
        assertThat(BamHeader.read(new ByteArrayInputStream(out.toByteArray())).references())
                .isEqualTo(refs);
    }
}
