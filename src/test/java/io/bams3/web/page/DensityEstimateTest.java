package io.bams3.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import io.bams3.format.BlockIndex;
import io.bams3.format.ChunkEntry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records spread over position bins from chunk entries and block indexes: sums kept, places right. */
class DensityEstimateTest {
    private static ChunkEntry chunk(int firstPos, int lastPos, long records, long bytes) {
        return new ChunkEntry(firstPos, lastPos, lastPos + 100, 0, 1, bytes, records, 0, 0);
    }

    @Test
    void aChunksRecordsAreSpreadEvenlyOverItsSpan() {
        DensityEstimate d = new DensityEstimate(0, 1000, 10);
        assertThat(d.binSize()).isEqualTo(100);
        d.addEvenly(chunk(100, 299, 40, 1000));
        assertThat(d.counts()).containsExactly(new double[] {0, 20, 20, 0, 0, 0, 0, 0, 0, 0}, offset(1e-9));
    }

    @Test
    void blockIndexUnitsShareTheRecordsByTheirBytes() {
        DensityEstimate d = new DensityEstimate(0, 1000, 10);
        // unit 0: positions 0..99, 300 of 400 bytes; unit 1: positions 500..599, 100 bytes
        BlockIndex index = new BlockIndex(new long[] {0, 300}, new int[] {0, 500}, new int[] {150, 650});
        d.addByUnits(new ChunkEntry(0, 599, 650, 0, 2, 400, 80, 0, 0), index);
        double[] c = d.counts();
        assertThat(Arrays.stream(c).sum()).isCloseTo(80, offset(1e-9));
        // unit 0 runs to unit 1's start (500): 60 records over bins 0-4; unit 1: 20 records in bin 5
        assertThat(c[0]).isCloseTo(12, offset(1e-9));
        assertThat(c[5]).isCloseTo(20, offset(1e-9));
        assertThat(c[6]).isZero();
    }

    @Test
    void theWindowIsTheReadsSpanWhenTheyCoverLittleOfTheReference() {
        List<ChunkEntry> chunks = List.of(chunk(5_000_000, 5_050_000, 10, 10), chunk(5_050_000, 5_100_000, 10, 10));
        long[] w = DensityEstimate.window(60_000_000, chunks);
        assertThat(w[0]).isLessThanOrEqualTo(5_000_000).isGreaterThan(4_900_000);
        assertThat(w[1]).isGreaterThan(5_100_000).isLessThan(5_200_000);
        assertThat(DensityEstimate.window(200_000, chunks)).containsExactly(0, 200_000);
        assertThat(DensityEstimate.window(1000, List.of())).containsExactly(0, 1000);
    }

    @Test
    void positionsOutsideTheWindowAreClippedIntoItSoNothingIsLost() {
        DensityEstimate d = new DensityEstimate(1000, 2000, 4);
        d.addEvenly(chunk(0, 2999, 30, 10));
        assertThat(Arrays.stream(d.counts()).sum()).isCloseTo(30, offset(1e-9));
    }
}
