package io.bams3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Wall time of {@code bams3 convert} against {@code samtools view -b} re-encoding the same BAM
 * (both with two threads), in alternating runs so that drift affects both alike. CPU time is
 * recorded too: unlike wall time it hardly moves when something else competes for the cores.
 */
public final class ConversionBench {
    private final Bams3Cli cli;
    private final String samtools;
    private final int threads;

    /**
     * Wall and CPU seconds of both tools on one input, and the CPU seconds that other processes
     * used on the machine while the runs went on (NaN where unknown).
     */
    public record Timing(
            String input,
            long inputBytes,
            Samples bams3,
            Samples samtools,
            Samples bams3Cpu,
            Samples samtoolsCpu,
            double otherCpu) {
        public double ratio() {
            return bams3.median() / samtools.median();
        }

        public double cpuRatio() {
            return bams3Cpu.median() / samtoolsCpu.median();
        }

        public boolean hasCpu() {
            return bams3Cpu.median() >= 0 && samtoolsCpu.median() > 0;
        }
    }

    /** A conversion under a heap limit: did it succeed, and its peak resident set (-1: not measured). */
    public record BoundedRun(String maxHeap, int exitCode, double seconds, long peakRssKb, double otherCpu) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    public ConversionBench(Bams3Cli cli, String samtools, int threads) {
        this.cli = cli;
        this.samtools = samtools;
        this.threads = threads;
    }

    /** Runs both tools {@code runs} times; the last dataset is left in {@code dataset}. */
    public Timing measure(Path bam, DatasetDirectory dataset, int runs) throws IOException {
        readThrough(bam);
        double[] ours = new double[runs];
        double[] theirs = new double[runs];
        double[] oursCpu = new double[runs];
        double[] theirsCpu = new double[runs];
        double other = 0;
        for (int i = 0; i < runs; i++) {
            dataset.delete();
            CommandResult a = cli.runner().run(cli.convert(bam, dataset.root(), Bams3Cli.Conversion.defaults(threads)));
            CommandResult b = cli.runner()
                    .run(List.of(samtools, "view", "-@" + threads, "-b", "-o", "/dev/null", bam.toString()));
            ours[i] = a.seconds();
            theirs[i] = b.seconds();
            oursCpu[i] = a.cpuSeconds();
            theirsCpu[i] = b.cpuSeconds();
            other += a.otherCpuSeconds() + b.otherCpuSeconds();
        }
        return new Timing(
                bam.getFileName().toString(),
                Files.size(bam),
                new Samples(ours),
                new Samples(theirs),
                new Samples(oursCpu),
                new Samples(theirsCpu),
                other);
    }

    /** A single conversion with other settings (outside the timed comparison). */
    public CommandResult convertOnce(Path bam, DatasetDirectory dataset, Bams3Cli.Conversion c) {
        dataset.delete();
        return cli.runner().run(cli.convert(bam, dataset.root(), c));
    }

    /** Converts with {@code -Xmx<maxHeap>}; a failure is reported, not thrown. */
    public BoundedRun convertBounded(Path bam, DatasetDirectory dataset, String maxHeap) {
        dataset.delete();
        CommandResult r = cli.runner()
                .attempt(cli.convert(
                        bam,
                        dataset.root(),
                        Bams3Cli.Conversion.defaults(threads).withMaxHeap(maxHeap)));
        return new BoundedRun(maxHeap, r.exitCode(), r.seconds(), r.peakRssKb(), r.otherCpuSeconds());
    }

    /** Reads the input once so that both tools start from a warm page cache. */
    private static void readThrough(Path bam) throws IOException {
        try (InputStream in = Files.newInputStream(bam)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
