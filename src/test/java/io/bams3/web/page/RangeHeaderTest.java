package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.store.ByteRange;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Range headers against a 1,000-byte file: inclusive header ends become half-open byte ranges. */
class RangeHeaderTest {
    @Test
    void singleRangesAreClippedToTheFile() {
        assertThat(RangeHeader.parse("bytes=0-99", 1000)).hasValue(new ByteRange(0, 100));
        assertThat(RangeHeader.parse("bytes=990-2000", 1000)).hasValue(new ByteRange(990, 1000));
        assertThat(RangeHeader.parse("bytes=500-", 1000)).hasValue(new ByteRange(500, 1000));
        assertThat(RangeHeader.parse("bytes=-10", 1000)).hasValue(new ByteRange(990, 1000));
        assertThat(RangeHeader.parse("bytes=-5000", 1000)).hasValue(new ByteRange(0, 1000));
        assertThat(RangeHeader.parse("bytes=999-999", 1000)).hasValue(new ByteRange(999, 1000));
    }

    @Test
    void whatIsNotOneRangeIsIgnored() {
        for (String h : new String[] {null, "bytes=0-1,5-9", "items=0-9", "bytes=9-0", "bytes=-", "bytes=a-b", ""}) {
            assertThat(RangeHeader.parse(h, 1000)).as(String.valueOf(h)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aRangeOutsideTheFileIsUnsatisfiable() {
        assertThatThrownBy(() -> RangeHeader.parse("bytes=1000-", 1000)).isInstanceOf(RangeHeader.Unsatisfiable.class);
        assertThatThrownBy(() -> RangeHeader.parse("bytes=-0", 1000)).isInstanceOf(RangeHeader.Unsatisfiable.class);
        assertThatThrownBy(() -> RangeHeader.parse("bytes=0-0", 0)).isInstanceOf(RangeHeader.Unsatisfiable.class);
    }
}
