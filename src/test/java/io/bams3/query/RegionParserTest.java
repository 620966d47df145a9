package io.bams3.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.BamHeader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** samtools region syntax to 0-based half-open regions. */
class RegionParserTest {
    private static final RegionParser PARSER = new RegionParser(new BamHeader(
            "@HD\tVN:1.6\n".getBytes(StandardCharsets.US_ASCII),
            List.of(
                    new BamHeader.Reference("chr1", 248_956_422), new BamHeader.Reference("HLA-A*01:01", 3_503),
                    new BamHeader.Reference("chr2:1-10", 500), new BamHeader.Reference("chr2", 1_000))));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "chr1|0|chr1|0|248956422",
                "chr1:100-200|0|chr1|99|200",
                "chr1:1,000-2k|0|chr1|999|2000",
                "chr1:1.5k-2M|0|chr1|1499|2000000",
                "chr1:100|0|chr1|99|248956422",
                "chr1:100-|0|chr1|99|248956422",
                "chr1:-50|0|chr1|0|50",
                "chr1:0-10|0|chr1|0|10",
                "chr1:5-5|0|chr1|4|5",
                "  chr1:5-6 |0|chr1|4|6",
                "chr1:1-3G|0|chr1|0|2147483647",
                "HLA-A*01:01|1|HLA-A*01:01|0|3503",
                "HLA-A*01:01:10-20|1|HLA-A*01:01|9|20",
                "{HLA-A*01:01}:10-20|1|HLA-A*01:01|9|20",
                "chr2:1-10|2|chr2:1-10|0|500",
                "{chr2}:1-10|3|chr2|0|10",
                "{chr2:1-10}|2|chr2:1-10|0|500"
            })
    void parses(String text, int ref, String name, int beg, int end) {
        assertThat(PARSER.parse(text)).isEqualTo(new Region(ref, name, beg, end));
    }

    @Test
    void starIsTheUnplacedRegion() {
        Region star = PARSER.parse("*");
        assertThat(star.isUnplaced()).isTrue();
        assertThat(star.toString()).isEqualTo("*");
        assertThat(PARSER.parse("chr1:100-200").toString()).isEqualTo("chr1:100-200");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "chrX|unknown reference 'chrX'",
                "chrX:1-2|unknown reference 'chrX' in region 'chrX:1-2'",
                "chr1:200-100|invalid region 'chr1:200-100': start 200 > end 100",
                "chr1:abc|malformed region 'chr1:abc': 'abc' is not a position",
                "chr1:1-2x|malformed region 'chr1:1-2x': '2x' is not a position",
                "{chr1:1-2|malformed region '{chr1:1-2': unmatched '{'",
                "{chr1}1-2|malformed region '{chr1}1-2'",
                "chr1:|malformed region 'chr1:': empty range",
                "HLA-A*01:01:4000|invalid region 'HLA-A*01:01:4000': start 4000 > end 3503"
            })
    void refuses(String text, String message) {
        assertThatThrownBy(() -> PARSER.parse(text))
                .isInstanceOf(RegionException.class)
                .hasMessage(message);
    }
}
