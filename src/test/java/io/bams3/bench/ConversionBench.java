package io.bams3.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Wall time of {@code bams3 convert} against {@code samtools view -b} re-encoding the same BAM
 * (both with two threads), in alternating runs so that drift affects both alike.
 */
public final class ConversionBench {
    private final Bams3Cli cli;
    private final String samtools;
    private final int threads;

    /** Median wall times of both tools on one input. */
    public record Timing(String input, long inputBytes, Samples bams3, Samples samtools) {
        public double ratio() { return bams3.median() / samtools.median(); }
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
        for (int i = 0; i < runs; i++) {
            dataset.delete();
            ours[i] = cli.runner().run(cli.convert(bam, dataset.root(), Bams3Cli.Conversion.defaults(threads))).seconds();
            theirs[i] = cli.runner().run(List.of(samtools, "view", "-@" + threads, "-b", "-o", "/dev/null",
                    bam.toString())).seconds();
        }
        return new Timing(bam.getFileName().toString(), Files.size(bam), new Samples(ours), new Samples(theirs));
    }

    /** A single conversion with other settings (outside the timed comparison). */
    public CommandResult convertOnce(Path bam, DatasetDirectory dataset, Bams3Cli.Conversion c) {
        dataset.delete();
        return cli.runner().run(cli.convert(bam, dataset.root(), c));
    }

    /** A conversion under a heap limit: did it succeed, and its peak resident set (if measurable). */
    public record BoundedRun(String maxHeap, int exitCode, double seconds, long peakRssKb) {
        public boolean succeeded() { return exitCode == 0; }
    }

    /**
     * Converts with {@code -Xmx<maxHeap>}; a failure is reported, not thrown. The peak RSS comes
     * from GNU time when /usr/bin/time exists (-1 otherwise).
     */
    public BoundedRun convertBounded(Path bam, DatasetDirectory dataset, String maxHeap) throws IOException {
        dataset.delete();
        List<String> convert = cli.convert(bam, dataset.root(), Bams3Cli.Conversion.defaults(threads).withMaxHeap(maxHeap));
        Path time = Path.of("/usr/bin/time");
        Path rss = Files.createTempFile("bams3-rss", ".txt");
        try {
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(time)) {
                cmd.addAll(List.of(time.toString(), "-f", "%M", "-o", rss.toString()));
            }
            cmd.addAll(convert);
            CommandResult r = cli.runner().attempt(cmd);
            String kb = Files.readString(rss).strip();
            long peak = kb.isEmpty() ? -1 : Long.parseLong(kb.lines().reduce((a, b) -> b).orElseThrow().strip());
            return new BoundedRun(maxHeap, r.exitCode(), r.seconds(), peak);
        } finally {
            Files.deleteIfExists(rss);
        }
    }

    /** Reads the input once so that both tools start from a warm page cache. */
    private static void readThrough(Path bam) throws IOException {
        try (InputStream in = Files.newInputStream(bam)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
