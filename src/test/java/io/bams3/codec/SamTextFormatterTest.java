package io.bams3.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** C's printf("%g") for float tag values; samtools prints floats this way. */
class SamTextFormatterTest {
    @ParameterizedTest
    @CsvSource({
        "0.1, 0.1",
        "1e-5, 1e-05",
        "123456.7, 123457",
        "1e10, 1e+10",
        "-3.25, -3.25",
        "0.0001, 0.0001",
        "1234567, 1.23457e+06",
        "100000, 100000",
        "999999.5, 1e+06",
        "0.3333333, 0.333333",
        "2.5, 2.5",
        "42, 42",
        "0.00001234, 1.234e-05",
        "3.4028235e38, 3.40282e+38",
        "-0.5, -0.5",
        "1, 1",
        "10, 10",
        "0.000099999, 9.9999e-05"
    })
    void formatsLikeCPrintfG(float value, String expected) {
        StringBuilder sb = new StringBuilder();
        SamTextFormatter.appendG(sb, value);
        assertThat(sb.toString()).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void specialValues() {
        StringBuilder sb = new StringBuilder();
        SamTextFormatter.appendG(sb, -0.0f);
        sb.append(' ');
        SamTextFormatter.appendG(sb, Float.NaN);
        sb.append(' ');
        SamTextFormatter.appendG(sb, Float.NEGATIVE_INFINITY);
        assertThat(sb.toString()).isEqualTo("-0 nan -inf");
    }
}
