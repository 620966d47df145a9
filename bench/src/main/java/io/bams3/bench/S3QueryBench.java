package io.bams3.bench;

import io.bams3.query.Dataset;
import io.bams3.query.QueryPlanner;
import io.bams3.query.RecordReader;
import io.bams3.query.Region;
import io.bams3.query.RegionParser;
import io.bams3.store.S3Clients;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.store.S3Settings;
import io.bams3.testing.FaultProxy;
import io.bams3.testing.S3MockServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Region queries on a local S3 server, BAMS3 against samtools reading the source BAM + BAI from
 * the same server: wall time, requests and bytes the server sent (counted by a proxy both go
 * through), for regions of 1 kb to a whole reference, cold and warm.
 *
 * <p>Arguments: S3MOCK_JAR BAM BAI BAMS3_JAR SAMTOOLS REGIONS_PER_SIZE OUT.md
 */
public final class S3QueryBench {
    private record Sample(double seconds, long requests, long bytes, long records) {}

    public static void main(String[] args) throws Exception {
        String s3mockJar = args[0];
        Path bam = Path.of(args[1]);
        Path bai = Path.of(args[2]);
        String bams3Jar = args[3];
        String samtools = args[4];
        int perSize = Integer.parseInt(args[5]);
        Path out = Path.of(args[6]);

        try (S3MockServer s3 = S3MockServer.start(s3mockJar);
                FaultProxy proxy = new FaultProxy(s3.endpoint(), 1)) {
            String bucket = s3.newBucket("bench");
            s3.clients().client().putObject(b -> b.bucket(bucket).key("bam/source.bam"), RequestBody.fromFile(bam));
            s3.clients().client().putObject(b -> b.bucket(bucket).key("bam/source.bam.bai"), RequestBody.fromFile(bai));
            String dataset = "s3://" + bucket + "/datasets/source.bams3";
            commandCount(
                    List.of(
                            "java",
                            "-jar",
                            bams3Jar,
                            "convert",
                            "--threads",
                            "2",
                            bam.toString(),
                            dataset,
                            "--endpoint-url",
                            s3.endpoint().toString()),
                    null);

            S3Settings settings = s3.settings().withEndpoint(proxy.endpoint());
            try (S3Clients clients = new S3Clients(settings)) {
                S3Location location = S3Location.parse(dataset);
                Dataset warm = Dataset.open(new S3ObjectStore(clients, location));
                RegionParser parser = new RegionParser(warm.header());
                Random rnd = new Random(17);
                List<String[]> rows = new ArrayList<>();
                String[] sizes = {"1 kb", "10 kb", "100 kb", "1 Mb", "reference"};
                int[] lengths = {1_000, 10_000, 100_000, 1_000_000, -1};
                for (int s = 0; s < sizes.length; s++) {
                    List<Sample> cold = new ArrayList<>();
                    List<Sample> hot = new ArrayList<>();
                    List<Sample> cliCold = new ArrayList<>();
                    List<Sample> sam = new ArrayList<>();
                    int n = lengths[s] < 0 ? Math.min(perSize, 3) : perSize;
                    for (int i = 0; i < n; i++) {
                        String region = region(warm, rnd, lengths[s], i);
                        List<Region> regions = List.of(parser.parse(region));
                        cold.add(measure(
                                proxy, () -> count(Dataset.open(new S3ObjectStore(clients, location)), regions)));
                        hot.add(measure(proxy, () -> count(warm, regions)));
                        cliCold.add(measure(
                                proxy,
                                () -> commandCount(
                                        List.of(
                                                "java",
                                                "-jar",
                                                bams3Jar,
                                                "view",
                                                "-c",
                                                dataset,
                                                region,
                                                "--endpoint-url",
                                                proxy.endpoint().toString()),
                                        null)));
                        sam.add(measure(
                                proxy,
                                () -> commandCount(
                                        List.of(
                                                samtools,
                                                "view",
                                                "-c",
                                                "s3+http://" + bucket + "/bam/source.bam",
                                                region),
                                        proxy.endpoint())));
                        if (cold.get(i).records() != sam.get(i).records()
                                || cliCold.get(i).records() != sam.get(i).records()) {
                            throw new IllegalStateException("record counts differ for " + region + ": bams3 "
                                    + cold.get(i).records() + ", samtools "
                                    + sam.get(i).records());
                        }
                    }
                    rows.add(row(sizes[s], n, cold, hot, cliCold, sam));
                }
                write(out, rows, bam);
            }
        }
    }

    private static String region(Dataset ds, Random rnd, int length, int i) {
        int ref = i % 2 == 0 ? 0 : Math.min(1, ds.header().references().size() - 1);
        String name = ds.header().references().get(ref).name();
        if (length < 0) {
            return name;
        }
        var chunks = ds.chunks(ref);
        int lo = chunks.get(0).firstPos();
        int hi = chunks.get(chunks.size() - 1).lastPos() - length;
        int beg = lo + rnd.nextInt(Math.max(1, hi - lo));
        return name + ":" + (beg + 1) + "-" + (beg + length);
    }

    @FunctionalInterface
    private interface Query {
        long run() throws Exception;
    }

    private static Sample measure(FaultProxy proxy, Query q) throws Exception {
        proxy.resetCounts();
        long t0 = System.nanoTime();
        long records = q.run();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Sample(seconds, proxy.requests.get(), proxy.bytesSent.get(), records);
    }

    private static long count(Dataset ds, List<Region> regions) throws IOException {
        return new RecordReader(ds).read(new QueryPlanner(ds).plan(regions), r -> {});
    }

    /**
     * Runs a command with S3Mock's dummy credentials; returns the number it printed last (view -c),
     * or 0. {@code samtoolsS3} (may be null): the S3 endpoint samtools' {@code s3+http://} URLs go to.
     */
    static long commandCount(List<String> cmd, URI samtoolsS3) throws Exception {
        return commandCount(cmd, samtoolsS3, null);
    }

    /**
     * {@link #commandCount(List, URI)} in the working directory {@code dir} (null: this process's).
     * htslib keeps a remote BAM's index it downloaded there ({@code NAME.bai}) and reads that copy
     * instead of the remote one from then on.
     */
    static long commandCount(List<String> cmd, URI samtoolsS3, Path dir) throws Exception {
        String text = commandOutput(cmd, samtoolsS3, dir);
        return text.isEmpty()
                ? 0
                : Long.parseLong(text.lines().reduce((a, b) -> b).orElse("0"));
    }

    /** Runs a command as {@link #commandCount} does; returns what it printed on stdout, trimmed. */
    static String commandOutput(List<String> cmd, URI samtoolsS3, Path dir) throws Exception {
        return commandOutput(cmd, samtoolsS3, dir, null);
    }

    /** {@link #commandOutput(List, URI, Path)} appending the command's stderr to {@code errors} (null: discarded). */
    static String commandOutput(List<String> cmd, URI samtoolsS3, Path dir, Path errors) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectError(
                        errors == null
                                ? ProcessBuilder.Redirect.DISCARD
                                : ProcessBuilder.Redirect.appendTo(errors.toFile()));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_REGION", "us-east-1");
        if (samtoolsS3 != null) {
            pb.environment().put("HTS_S3_HOST", samtoolsS3.getAuthority());
            pb.environment().put("HTS_S3_ADDRESS_STYLE", "path");
        }
        Process p = pb.start();
        String text = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(
                    "failed: " + String.join(" ", cmd) + (errors == null ? "" : "; see " + errors));
        }
        return text;
    }

    private static String[] row(
            String size, int n, List<Sample> cold, List<Sample> hot, List<Sample> cli, List<Sample> sam) {
        double samT = mean(sam, Sample::seconds);
        return new String[] {
            size,
            String.valueOf(n),
            fmt(mean(cold, Sample::records), "%.0f"),
            fmt(mean(cold, Sample::seconds) * 1000, "%.1f"),
            fmt(mean(hot, Sample::seconds) * 1000, "%.1f"),
            fmt(mean(cli, Sample::seconds) * 1000, "%.0f"),
            fmt(samT * 1000, "%.0f"),
            fmt(mean(cold, Sample::seconds) / samT, "%.2fx"),
            fmt(mean(cli, Sample::seconds) / samT, "%.2fx"),
            fmt(mean(cold, Sample::requests), "%.1f"),
            fmt(mean(hot, Sample::requests), "%.1f"),
            fmt(mean(sam, Sample::requests), "%.1f"),
            fmt(mean(cold, Sample::bytes) / 1024, "%,.0f"),
            fmt(mean(hot, Sample::bytes) / 1024, "%,.0f"),
            fmt(mean(sam, Sample::bytes) / 1024, "%,.0f"),
            fmt(mean(cold, Sample::bytes) / mean(sam, Sample::bytes), "%.2fx")
        };
    }

    private static double mean(List<Sample> s, ToDoubleFunction<Sample> f) {
        return s.stream().mapToDouble(f).average().orElse(0);
    }

    private static String fmt(double v, String f) {
        return String.format(Locale.ROOT, f, v);
    }

    private static void write(Path out, List<String[]> rows, Path bam) throws IOException {
        try (PrintStream p = new PrintStream(Files.newOutputStream(out))) {
            p.printf("## Region queries on a local S3 server (S3Mock), BAMS3 vs samtools%n%n");
            p.printf(
                    "Source: %s (%,d bytes) with its BAI in the same bucket; samtools %s reads `s3+http://` through "
                            + "the same counting proxy. bams3 lib = in-process query (cold: dataset opened afresh; warm: "
                            + "metadata and chunk tables cached); bams3 CLI = `bams3 view -c` as a new process; samtools = "
                            + "`samtools view -c` as a new process in the repository root, where htslib keeps the BAI it "
                            + "downloaded and reads it from the second query on. Means over the regions.%n%n",
                    bam.getFileName(), Files.size(bam), "view -c");
            p.println(
                    "| region | n | records | bams3 lib cold (ms) | bams3 lib warm (ms) | bams3 CLI (ms) | samtools (ms) "
                            + "| lib cold / samtools | CLI / samtools | requests cold | requests warm | requests samtools "
                            + "| KiB cold | KiB warm | KiB samtools | bytes cold / samtools |");
            p.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            for (String[] r : rows) {
                p.println("| " + String.join(" | ", r) + " |");
            }
        }
        System.out.print(Files.readString(out));
    }
}
