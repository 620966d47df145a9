package io.bams3.cli;

import io.bams3.codec.FlagStats;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@link FlagStats} as the text of {@code samtools flagstat} (samtools 1.13 and later, default
 * format): "QC-passed + QC-failed" per line, percentages as samtools computes them (a float
 * quotient times 100, printed with {@code %.2f}) or {@code N/A} when the total is zero.
 */
final class FlagstatText {
    private FlagstatText() {}

    static String of(FlagStats s) {
        FlagStats.Counts p = s.qcPassed();
        FlagStats.Counts f = s.qcFailed();
        StringBuilder out = new StringBuilder();
        line(out, p.total(), f.total(), "in total (QC-passed reads + QC-failed reads)");
        line(out, p.primary(), f.primary(), "primary");
        line(out, p.secondary(), f.secondary(), "secondary");
        line(out, p.supplementary(), f.supplementary(), "supplementary");
        line(out, p.duplicates(), f.duplicates(), "duplicates");
        line(out, p.primaryDuplicates(), f.primaryDuplicates(), "primary duplicates");
        line(out, p.mapped(), f.mapped(), "mapped " + percents(p.mapped(), p.total(), f.mapped(), f.total()));
        line(
                out,
                p.primaryMapped(),
                f.primaryMapped(),
                "primary mapped " + percents(p.primaryMapped(), p.primary(), f.primaryMapped(), f.primary()));
        line(out, p.paired(), f.paired(), "paired in sequencing");
        line(out, p.read1(), f.read1(), "read1");
        line(out, p.read2(), f.read2(), "read2");
        line(
                out,
                p.properlyPaired(),
                f.properlyPaired(),
                "properly paired " + percents(p.properlyPaired(), p.paired(), f.properlyPaired(), f.paired()));
        line(out, p.withItselfAndMateMapped(), f.withItselfAndMateMapped(), "with itself and mate mapped");
        line(
                out,
                p.singletons(),
                f.singletons(),
                "singletons " + percents(p.singletons(), p.paired(), f.singletons(), f.paired()));
        line(out, p.mateOnDifferentChr(), f.mateOnDifferentChr(), "with mate mapped to a different chr");
        line(
                out,
                p.mateOnDifferentChrMapq5(),
                f.mateOnDifferentChrMapq5(),
                "with mate mapped to a different chr (mapQ>=5)");
        return out.toString();
    }

    private static void line(StringBuilder out, long passed, long failed, String what) {
        out.append(passed).append(" + ").append(failed).append(' ').append(what).append('\n');
    }

    private static String percents(long passed, long passedTotal, long failed, long failedTotal) {
        return "(" + percent(passed, passedTotal) + " : " + percent(failed, failedTotal) + ")";
    }

    /**
     * samtools' {@code (float) n / total * 100.0} printed with {@code %.2f}: the double rounded from
     * its exact binary value, half to even, as C's printf does (Java's %f rounds its shortest
     * decimal form instead, which differs on a few values).
     */
    static String percent(long n, long total) {
        if (total == 0) {
            return "N/A";
        }
        double value = ((float) n / (float) total) * 100.0;
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
