package io.bams3.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bams3.store.LocalObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The workload a class data sharing archive is recorded over ({@code bin/bams3} and the image run
 * it once with {@code -XX:ArchiveClassesAtExit}): the short commands people run most, on the
 * bundled demo BAM converted into a temporary directory, read from local disk and through the S3
 * client from a loopback server that serves that directory as a bucket. Everything it writes is
 * removed; its output is discarded. Not a user command.
 */
public final class StartupTraining {
    private static final String DEMO = "/demo/htsnexus_test_NA12878.bam";
    private static final String BUCKET = "bams3-training";
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        System.setProperty(CliLogging.PROPERTY, CliLogging.COMMAND);
        Path dir = Files.createTempDirectory("bams3-training");
        PrintStream out = System.out;
        PrintStream err = System.err;
        HttpServer s3 = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        try (PrintStream discard = new PrintStream(OutputStream.nullOutputStream())) {
            System.setOut(discard);
            System.setErr(discard);
            Path bam = dir.resolve("demo.bam");
            try (InputStream in = StartupTraining.class.getResourceAsStream(DEMO)) {
                if (in == null) {
                    throw new IOException("the demo BAM is not on the class path");
                }
                Files.copy(in, bam);
            }
            Path bucket = Files.createDirectory(dir.resolve(BUCKET));
            String local = bucket.resolve("demo.bams3").toString();
            Main.run("convert", bam.toString(), local);
            s3.createContext("/", exchange -> serve(dir, exchange));
            s3.start();
            // the S3 client's chains read these before the environment and the network
            System.setProperty("aws.accessKeyId", "training");
            System.setProperty("aws.secretAccessKey", "training");
            System.setProperty("aws.region", "us-east-1");
            String endpoint = "http://127.0.0.1:" + s3.getAddress().getPort();
            String remote = "s3://" + BUCKET + "/demo.bams3";
            for (List<String> command : List.of(
                    List.of("--version"),
                    List.of("view", "-c", local, "11:5000000-5100000"),
                    List.of("view", "-h", local, "11:5010000-5011000"),
                    List.of("view", "-b", local, "11:5010000-5011000"),
                    List.of("stats", local),
                    List.of("view", "-c", "--endpoint-url", endpoint, remote, "11:5000000-5100000"),
                    List.of("view", "--endpoint-url", endpoint, remote, "11:5010000-5011000"),
                    List.of("stats", "--endpoint-url", endpoint, remote),
                    List.of("view", "-c", local, "no-such-reference"))) {
                Main.run(command.toArray(String[]::new));
            }
        } finally {
            System.setOut(out);
            System.setErr(err);
            s3.stop(0);
            // the temporary directory and everything in it, as deleting a local store's every object does
            new LocalObjectStore(dir).deletePrefix("");
        }
    }

    /** GET and HEAD of {@code /bucket/key}, whole or one range, from the files under {@code dir}. */
    private static void serve(Path dir, HttpExchange exchange) throws IOException {
        try (exchange) {
            Path file =
                    dir.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
                byte[] body = "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>".getBytes();
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(404, body.length);
                exchange.getResponseBody().write(body);
                return;
            }
            byte[] data = Files.readAllBytes(file);
            int from = 0;
            int to = data.length;
            int status = 200;
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher m = range == null ? null : RANGE.matcher(range);
            if (m != null && m.matches()) {
                from = (int) Math.min(Long.parseLong(m.group(1)), data.length);
                to = (int) Math.min(Long.parseLong(m.group(2)) + 1, data.length);
                status = 206;
                exchange.getResponseHeaders()
                        .add("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + data.length);
            }
            exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(Arrays.hashCode(data)) + "\"");
            exchange.getResponseHeaders().add("Last-Modified", "Tue, 01 Dec 2026 00:00:00 GMT");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            if (head) {
                exchange.getResponseHeaders().add("Content-Length", Integer.toString(to - from));
            }
            exchange.sendResponseHeaders(status, head ? -1 : to - from);
            if (!head) {
                exchange.getResponseBody().write(data, from, to - from);
            }
        }
    }
}
