package io.bams3.bench;

import io.bams3.testing.S3MockServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * The scale benchmark ({@code BENCH_PARTS=scale bench/run.sh}): a whole-genome-shaped BAM of a
 * given size ({@link ScaleBam} piped into {@code samtools view -b}, cached per size and seed),
 * converted to a local directory and to a local S3 server by the CLI in its own JVM under a 1 GiB
 * heap (wall, CPU, peak RSS, objects and bytes written) beside {@code samtools view -b} re-encoding
 * the same BAM; then random regions and whole references, where every answer of {@code bams3 view}
 * (local and S3) must equal {@code samtools view} of the source BAM line for line, and the S3
 * queries count requests and bytes per kind of object through a proxy, beside samtools reading the
 * BAM + BAI from the same server through the same proxy. Only the CLI's command line and the key
 * naming conventions of {@link KeyCountingProxy.Kind} are assumed, not the dataset's layout.
 * Writes Markdown to {@code --out} and one line per query to a TSV beside it; exits 1 if any answer
 * differs.
 */
@Command(name = "ScaleBench", mixinStandardHelpOptions = true, description = "Scale benchmark (docs/benchmarks.md).")
public final class ScaleBench implements Callable<Integer> {
    @Option(names = "--jar", defaultValue = "target/bams3.jar", description = "The CLI jar.")
    Path jar;

    @Option(names = "--work", defaultValue = "bench/work", description = "Scratch directory.")
    Path work;

    @Option(names = "--samtools", defaultValue = "samtools")
    String samtools;

    @Option(names = "--s3mock", required = true, description = "S3Mock's executable jar.")
    Path s3mock;

    @Option(names = "--bam", required = true, description = "The BAM to generate (if missing) and use.")
    Path bam;

    @Option(names = "--gb", required = true, description = "Size of the BAM to generate, in 10^9 bytes.")
    double gb;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated reads.")
    long seed;

    @Option(names = "--qualities", required = true, description = "BAM whose base qualities the reads reuse.")
    Path qualities;

    @Option(names = "--regions", defaultValue = "200", description = "Random regions (plus the whole references).")
    int regions;

    @Option(names = "--region-seed", defaultValue = "11")
    long regionSeed;

    @Option(names = "--threads", defaultValue = "2", description = "Threads for bams3 convert and samtools.")
    int threads;

    @Option(names = "--heap", defaultValue = "1g", description = "-Xmx of the converting JVM.")
    String heap;

    @Option(
            names = "--keep-datasets",
            description = "Keep the local dataset (deleted by default: it is as large as the BAM).")
    boolean keepDatasets;

    @Option(names = "--out", description = "Markdown report (default: <work>/results-scale.md).")
    Path out;

    private static final String S3_KEY = "test";
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final long PART = 64L << 20;
    private static final long STARTED = System.nanoTime();

    private CommandRunner runner;
    private Path logs;
    private Path log;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ScaleBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        logs = work.resolve("logs");
        runner = new CommandRunner(logs);
        log = logs.resolve("commands.log");
        Environment environment = Environment.probe(runner, samtools, jar);
        Properties generation = ensureBam();
        long[] idx = idxstats();
        if (!generation.getProperty("generator", "").contains(" records=" + idx[0] + " ")) {
            throw new IllegalStateException(bam + " holds " + idx[0] + " records, not what its generation recorded ("
                    + generation.getProperty("generator") + "); delete it to generate it again");
        }
        ScaleLayout layout = ScaleLayout.of(ScaleBam.fragments(ScaleBam.records(gb)));
        List<ScaleReport.Check> checks = new ArrayList<>();
        for (ScaleLayout.Query q : layout.regions(regions, regionSeed)) {
            checks.add(new ScaleReport.Check(q));
        }
        for (ScaleLayout.Query q : layout.wholeReferences()) {
            checks.add(new ScaleReport.Check(q));
        }
        String stem = bam.getFileName().toString().replaceFirst("\\.bam$", "");

        progress("reading " + bam.getFileName() + " once (page cache)");
        readThrough(bam);
        DatasetDirectory local = new DatasetDirectory(work.resolve("datasets").resolve(stem + ".bams3"));
        local.delete();
        progress("bams3 convert to a local directory (-Xmx" + heap + ")");
        ScaleReport.Conversion localConversion = new ScaleReport.Conversion(
                "bams3 convert → local directory",
                ScaleReport.Run.of(runner.run(convert(local.root().toString(), List.of()))),
                fileCount(local.root()),
                local.totalBytes());
        long datasetRecords = statsRecords(local.root());
        progress("samtools view -@" + threads + " -b (re-encoding baseline)");
        ScaleReport.Run reencode = ScaleReport.Run.of(
                runner.run(List.of(samtools, "view", "-@" + threads, "-b", "-o", "/dev/null", bam.toString())));
        double[] startup = new double[3];
        for (int i = 0; i < startup.length; i++) {
            startup[i] = runner.run(List.of(CommandRunner.java(), "-jar", jar.toString(), "--version"))
                    .seconds();
        }
        queryLocal(local, checks);
        if (!keepDatasets) {
            local.delete();
        }

        ScaleReport.Conversion s3Conversion;
        double uploadSeconds;
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = s3mockStores(tmp);
        try (S3MockServer s3 = S3MockServer.start(s3mock.toString())) {
            String bucket = s3.newBucket("scale");
            String prefix = "datasets/" + stem + ".bams3";
            progress("bams3 convert to S3Mock (-Xmx" + heap + ")");
            ScaleReport.Run run = ScaleReport.Run.of(runner.run(convert(
                    "s3://" + bucket + "/" + prefix,
                    List.of("--endpoint-url", s3.endpoint().toString()))));
            long[] listed = listed(s3.clients().client(), bucket, prefix + "/");
            s3Conversion = new ScaleReport.Conversion("bams3 convert → S3Mock", run, listed[0], listed[1]);
            progress("uploading the source BAM and BAI (for samtools)");
            long t0 = System.nanoTime();
            upload(s3.clients().client(), bucket, "bam/source.bam", bam);
            upload(s3.clients().client(), bucket, "bam/source.bam.bai", Path.of(bam + ".bai"));
            uploadSeconds = (System.nanoTime() - t0) / 1e9;
            queryS3(s3, bucket, prefix, checks);
        } finally {
            // S3Mock leaves its store (as large as everything uploaded) behind
            for (Path p : s3mockStores(tmp)) {
                if (!before.contains(p)) {
                    new DatasetDirectory(p).delete();
                }
            }
        }

        ScaleReport report = new ScaleReport(
                new ScaleReport.Settings(gb, heap, threads, samtools, regionSeed),
                environment,
                generation,
                new ScaleReport.Source(
                        bam, Files.size(bam), Files.size(Path.of(bam + ".bai")), idx[0], idx[1], datasetRecords),
                layout,
                List.of(localConversion, s3Conversion),
                reencode,
                uploadSeconds,
                new Samples(startup).median(),
                checks);
        Path target = out != null ? out : work.resolve("results-scale.md");
        Files.createDirectories(target.toAbsolutePath().getParent());
        String text = report.markdown();
        Files.writeString(target, text);
        report.writeTsv(
                target.resolveSibling(target.getFileName().toString().replaceFirst("\\.md$", "") + "-regions.tsv"));
        System.out.print(text);
        progress("wrote " + target);
        long bad = checks.stream().filter(c -> !c.differences.isEmpty()).count();
        if (bad > 0) {
            System.err.println("[scale] " + bad + " queries differ from samtools; see " + target);
            return 1;
        }
        return 0;
    }

    /** samtools on the source BAM (the oracle) and bams3 view on the local dataset, for every query. */
    private void queryLocal(DatasetDirectory local, List<ScaleReport.Check> checks) {
        progress("queries on the local dataset (" + checks.size() + ")");
        for (int i = 0; i < checks.size(); i++) {
            ScaleReport.Check c = checks.get(i);
            c.oracle = digest(List.of(samtools, "view", bam.toString(), c.query.text()), Map.of(), null, true);
            List<String> view = bams3View(local.root().toString(), c.query.text(), null);
            c.local = digest(view, Map.of(), null, false);
            compare(c, c.local, "bams3 local", view, Map.of());
            queried(i, checks.size());
        }
    }

    /**
     * bams3 view on the S3 dataset and samtools on the BAM + BAI in the same bucket, both through
     * the counting proxy, for every query.
     */
    private void queryS3(S3MockServer s3, String bucket, String prefix, List<ScaleReport.Check> checks)
            throws IOException {
        Path samtoolsCwd = work.resolve("samtools-s3");
        Files.createDirectories(samtoolsCwd);
        progress("queries on S3 through the counting proxy (" + checks.size() + ")");
        try (KeyCountingProxy proxy = new KeyCountingProxy(s3.endpoint())) {
            Map<String, String> env = s3Environment(proxy);
            for (int i = 0; i < checks.size(); i++) {
                ScaleReport.Check c = checks.get(i);
                List<String> view = bams3View(
                        "s3://" + bucket + "/" + prefix,
                        c.query.text(),
                        proxy.endpoint().toString());
                proxy.reset();
                c.s3 = digest(view, env, null, false);
                c.s3Counts = proxy.counts();
                compare(c, c.s3, "bams3 S3", view, env);
                List<String> sam = List.of(samtools, "view", "s3+http://" + bucket + "/bam/source.bam", c.query.text());
                // a fresh directory: htslib keeps an index it downloaded there and would not fetch it again
                clean(samtoolsCwd);
                proxy.reset();
                c.samtoolsS3 = digest(sam, env, samtoolsCwd, false);
                c.samtoolsCounts = proxy.counts();
                compare(c, c.samtoolsS3, "samtools S3", null, env);
                queried(i, checks.size());
            }
        } finally {
            clean(samtoolsCwd);
        }
    }

    private static void queried(int i, int of) {
        if ((i + 1) % 25 == 0 || i + 1 == of) {
            progress("  " + (i + 1) + " of " + of);
        }
    }

    // ---------------------------------------------------------------- generation

    /** Generates the BAM and its index unless present; returns the figures of the run that made them. */
    private Properties ensureBam() throws IOException, InterruptedException {
        Path bai = Path.of(bam + ".bai");
        Path record = Path.of(bam + ".generation.properties");
        long fragments = ScaleBam.fragments(ScaleBam.records(gb));
        if (Files.exists(bam) && Files.exists(bai) && Files.exists(record)) {
            Properties p = load(record);
            // the query regions come from the layout, which must be the one the BAM was made with
            if (p.getProperty("fragments", "").equals(Long.toString(fragments))) {
                p.setProperty("cached", "true");
                progress("using " + bam + " (generated earlier)");
                return p;
            }
            progress(bam + " was made by another version of ScaleBam; generating it again");
        }
        Files.deleteIfExists(record);
        Files.deleteIfExists(bai);
        Files.deleteIfExists(bam);
        Files.createDirectories(bam.toAbsolutePath().getParent());
        Path tmp = Path.of(bam + ".tmp");
        Path tmpBai = Path.of(bam + ".tmp.bai");
        Path genUsage = logs.resolve("generator.usage");
        Path samUsage = logs.resolve("compressor.usage");
        Path genErr = logs.resolve("generator.stderr");
        Files.deleteIfExists(genErr);
        List<String> gen = timed(
                genUsage,
                List.of(
                        CommandRunner.java(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ScaleBam.class.getName(),
                        Double.toString(gb),
                        Long.toString(seed),
                        qualities.toString()));
        // --no-PG: no line with the command (and the scratch path) in the header; same size and seed, same BAM
        List<String> compress =
                timed(samUsage, List.of(samtools, "view", "-@" + threads, "--no-PG", "-b", "-o", tmp.toString(), "-"));
        progress(String.format(
                Locale.ROOT,
                "generating %s: ScaleBam %s %d | %s",
                bam,
                gb,
                seed,
                String.join(" ", compress.subList(compress.indexOf(samtools), compress.size()))));
        double busy = CpuMeter.busySeconds();
        long started = System.nanoTime();
        List<Process> ps = ProcessBuilder.startPipeline(List.of(
                new ProcessBuilder(gen).redirectError(ProcessBuilder.Redirect.appendTo(genErr.toFile())),
                new ProcessBuilder(compress)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))));
        int genExit = ps.get(0).waitFor();
        int samExit = ps.get(1).waitFor();
        double seconds = (System.nanoTime() - started) / 1e9;
        busy = CpuMeter.busySeconds() - busy;
        if (genExit != 0 || samExit != 0) {
            throw new IllegalStateException("generation failed (generator exit " + genExit + ", samtools exit "
                    + samExit + "); see " + genErr + " and " + log);
        }
        progress("samtools index");
        CommandResult index = runner.run(List.of(samtools, "index", "-@" + threads, tmp.toString(), tmpBai.toString()));
        Files.move(tmp, bam, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpBai, bai, StandardCopyOption.REPLACE_EXISTING);

        Properties p = new Properties();
        p.setProperty("gb", Double.toString(gb));
        p.setProperty("seed", Long.toString(seed));
        p.setProperty("seconds", fmt("%.1f", seconds));
        double[] g = usage(genUsage);
        double[] s = usage(samUsage);
        p.setProperty("generatorCpu", fmt("%.1f", g[0]));
        p.setProperty("generatorRssKb", fmt("%.0f", g[1]));
        p.setProperty("compressorCpu", fmt("%.1f", s[0]));
        p.setProperty("compressorRssKb", fmt("%.0f", s[1]));
        p.setProperty("fragments", Long.toString(fragments));
        if (g[0] >= 0 && s[0] >= 0 && !Double.isNaN(busy)) {
            // clock-tick rounding can make a tiny difference negative
            p.setProperty("otherCpu", fmt("%.1f", Math.max(0, busy - g[0] - s[0])));
        }
        p.setProperty("indexSeconds", fmt("%.1f", index.seconds()));
        p.setProperty("indexCpu", fmt("%.1f", index.cpuSeconds()));
        p.setProperty("generator", lastLine(genErr, "ScaleBam records="));
        try (Writer w = Files.newBufferedWriter(record)) {
            p.store(w, "ScaleBench generation of " + bam.getFileName());
        }
        long size = Files.size(bam);
        if (size < gb * 1e9) {
            System.err.printf(
                    Locale.ROOT,
                    "[scale] WARNING: %s is %,d bytes, below the %s GB asked for: lower ScaleBam.BAM_BYTES_PER_RECORD%n",
                    bam,
                    size,
                    gb);
        }
        p.setProperty("cached", "false");
        return p;
    }

    /** The command under GNU time writing CPU and peak RSS to {@code usage}, where GNU time exists. */
    private static List<String> timed(Path usage, List<String> command) throws IOException {
        Files.deleteIfExists(usage);
        if (!Files.isExecutable(GNU_TIME)) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", usage.toString()));
        full.addAll(command);
        return full;
    }

    /** CPU seconds and peak RSS (KiB) from a GNU time file; -1 each if missing. */
    private static double[] usage(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new double[] {-1, -1};
        }
        String[] f = Files.readAllLines(file).stream()
                .reduce((a, b) -> b)
                .orElse("")
                .strip()
                .split(" ");
        if (f.length != 3) {
            return new double[] {-1, -1};
        }
        return new double[] {Double.parseDouble(f[0]) + Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }

    private static String lastLine(Path file, String prefix) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).reduce((a, b) -> b).orElse("");
        }
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        return p;
    }

    /** Records (mapped + unmapped, unplaced included) and references with reads, from the BAI. */
    private long[] idxstats() {
        long records = 0;
        long refs = 0;
        for (String line : runner.run(List.of(samtools, "idxstats", bam.toString()))
                .stdout()
                .lines()
                .toList()) {
            String[] f = line.split("\t");
            long n = Long.parseLong(f[2]) + Long.parseLong(f[3]);
            records += n;
            if (!f[0].equals("*") && n > 0) {
                refs++;
            }
        }
        return new long[] {records, refs};
    }

    // ---------------------------------------------------------------- conversion

    private List<String> convert(String dataset, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of(
                CommandRunner.java(),
                "-Xmx" + heap,
                // S3Mock takes any credentials; the SDK's default chain reads these properties
                "-Daws.accessKeyId=" + S3_KEY,
                "-Daws.secretAccessKey=" + S3_KEY,
                "-Daws.region=us-east-1",
                "-jar",
                jar.toString(),
                "convert",
                bam.toString(),
                dataset,
                "--threads",
                Integer.toString(threads)));
        cmd.addAll(extra);
        return cmd;
    }

    private static long fileCount(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** Records of the dataset per {@code bams3 stats --json}, -1 if it does not say. */
    private long statsRecords(Path dataset) {
        try {
            JsonNode r = new Bams3Cli(jar, runner).stats(dataset).get("records");
            return r != null && r.isNumber() ? r.asLong() : -1;
        } catch (RuntimeException e) {
            progress("bams3 stats --json: " + e.getMessage());
            return -1;
        }
    }

    /** Objects and bytes under a prefix. */
    private static long[] listed(S3Client s3, String bucket, String prefix) {
        long n = 0;
        long bytes = 0;
        for (S3Object o :
                s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
            n++;
            bytes += o.size();
        }
        return new long[] {n, bytes};
    }

    /** Multipart upload (64 MiB parts), as any large object goes to S3. */
    private static void upload(S3Client s3, String bucket, String key, Path file) throws IOException {
        long size = Files.size(file);
        if (size <= PART) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file));
            return;
        }
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int part = 1; (long) (part - 1) * PART < size; part++) {
            long offset = (long) (part - 1) * PART;
            long length = Math.min(PART, size - offset);
            int number = part;
            String etag = s3.uploadPart(
                            b -> b.bucket(bucket)
                                    .key(key)
                                    .uploadId(id)
                                    .partNumber(number)
                                    .contentLength(length),
                            RequestBody.fromContentProvider(
                                    () -> slice(file, offset, length), length, "application/octet-stream"))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }

    /** {@code length} bytes of a file from {@code offset}, as a stream. */
    private static InputStream slice(Path file, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(offset);
            return new FilterInputStream(in) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) return -1;
                    int b = super.read();
                    if (b >= 0) left--;
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (left <= 0) return -1;
                    int n = super.read(buf, off, (int) Math.min(len, left));
                    if (n > 0) left -= n;
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- queries

    private List<String> bams3View(String dataset, String region, String endpoint) {
        List<String> cmd =
                new ArrayList<>(List.of(CommandRunner.java(), "-jar", jar.toString(), "view", dataset, region));
        if (endpoint != null) {
            cmd.addAll(List.of("--endpoint-url", endpoint));
        }
        return cmd;
    }

    /** Credentials for both tools, and where samtools' {@code s3+http://} URLs go. */
    private static Map<String, String> s3Environment(KeyCountingProxy proxy) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_ACCESS_KEY_ID", S3_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", S3_KEY);
        env.put("AWS_REGION", "us-east-1");
        env.put("HTS_S3_HOST", proxy.endpoint().getAuthority());
        env.put("HTS_S3_ADDRESS_STYLE", "path");
        return env;
    }

    /** Runs a query; only samtools on the source BAM (the oracle) must succeed, other failures are differences. */
    private LineDigest digest(List<String> cmd, Map<String, String> env, Path cwd, boolean oracle) {
        LineDigest d = LineDigest.run(new LineDigest.Command(cmd, env, cwd), log);
        if (oracle && d.exitCode() != 0) {
            throw new IllegalStateException(
                    "command failed (exit " + d.exitCode() + "): " + String.join(" ", cmd) + "; see " + log);
        }
        return d;
    }

    /**
     * Compares an answer with samtools on the source BAM; on a difference, finds the first differing
     * line (when the command to rerun is given).
     */
    private void compare(
            ScaleReport.Check c, LineDigest answer, String name, List<String> rerun, Map<String, String> env) {
        if (answer.exitCode() == 0 && answer.sameOutput(c.oracle)) {
            return;
        }
        String where = answer.exitCode() != 0
                ? "exit code " + answer.exitCode() + " (see " + log + ")"
                : rerun == null
                        ? null
                        : LineDigest.firstDifference(
                                new LineDigest.Command(rerun, env, null),
                                name,
                                new LineDigest.Command(
                                        List.of(samtools, "view", bam.toString(), c.query.text()), Map.of(), null),
                                "samtools",
                                log);
        String text = String.format(
                Locale.ROOT,
                "%s `%s`: %,d lines vs samtools %,d%s",
                name,
                c.query.text(),
                answer.lines(),
                c.oracle.lines(),
                where == null ? "" : "; " + where);
        c.differences.add(text);
        System.err.println("[scale] DIFFERENCE " + text);
    }

    private static void clean(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<Path> s3mockStores(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("s3mock-store"))
                    .toList();
        }
    }

    private static void readThrough(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void progress(String message) {
        System.err.printf(Locale.ROOT, "[scale %5.0f s] %s%n", (System.nanoTime() - STARTED) / 1e9, message);
    }

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
    }
}
