package io.bams3.bench;

import io.bams3.convert.ConvertOptions;
import io.bams3.convert.Converter;
import io.bams3.convert.ProgressListener;
import io.bams3.format.Codec;
import io.bams3.query.Dataset;
import io.bams3.store.S3Location;
import io.bams3.store.S3ObjectStore;
import io.bams3.testing.S3MockServer;
import io.bams3.testing.ServerProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bams3 serve} as its own JVM (-Xmx heap) on S3Mock, ready to answer, serving the bucket's
 * {@code datasets/} (the dataset {@link #ID} put there by {@link #putDataset}); with peak-RSS
 * sampling and the process's CPU time.
 */
final class BenchServer implements AutoCloseable {
    /** The id of the dataset {@link #putDataset} writes. */
    static final String ID = "source";

    final ServerProcess process;
    final String base;
    long peakKb;

    private BenchServer(ServerProcess process) {
        this.process = process;
        this.base = process.base;
    }

    /** Converts {@code bam} (BGZF, default chunks) into the bucket as the dataset {@link #ID}. */
    static Dataset putDataset(S3MockServer s3, String bucket, Path bam) throws IOException {
        return putDataset(s3, bucket, bam, ID);
    }

    /** Converts {@code bam} (BGZF, default chunks) into the bucket as the dataset {@code id}. */
    static Dataset putDataset(S3MockServer s3, String bucket, Path bam, String id) throws IOException {
        S3Location location = new S3Location(bucket, "datasets/" + id + ".bams3");
        new Converter(
                        new ConvertOptions(Codec.BGZF, ConvertOptions.DEFAULT_CHUNK_BYTES, 2, false),
                        ProgressListener.NONE)
                .convert(bam, new S3ObjectStore(s3.clients(), location));
        return Dataset.open(new S3ObjectStore(s3.clients(), location));
    }

    static BenchServer start(String cp, S3MockServer s3, String bucket, String mode, String heap) throws Exception {
        return start(cp, s3, bucket, mode, heap, List.of());
    }

    /** {@code settings}: further {@code --key=value} arguments (Spring Boot and bams3.* settings). */
    static BenchServer start(String cp, S3MockServer s3, String bucket, String mode, String heap, List<String> settings)
            throws Exception {
        return start(cp, s3.endpoint(), bucket, mode, heap, settings);
    }

    /**
     * A server reaching S3Mock at {@code endpoint} (S3Mock's own, or a proxy in front of it; presigned
     * URLs name it too).
     */
    static BenchServer start(String cp, URI endpoint, String bucket, String mode, String heap, List<String> settings)
            throws Exception {
        int port = ServerProcess.freePort();
        List<String> args = new ArrayList<>(List.of(
                "--port",
                String.valueOf(port),
                "--root",
                "s3://" + bucket + "/datasets",
                "--no-demo",
                "--endpoint-url",
                endpoint.toString(),
                "--aws-region",
                "us-east-1",
                "--mode",
                mode,
                "--logging.level.io.bams3.web.access=WARN"));
        args.addAll(settings);
        ServerProcess p = ServerProcess.start(
                cp, heap, args, Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"), port);
        if (p.awaitReadiness(200) != 200) {
            p.close();
            throw new IllegalStateException("server not ready; see " + p.log);
        }
        return new BenchServer(p);
    }

    long rssKb() throws IOException {
        return process.rssKb();
    }

    void resetPeak() {
        peakKb = 0;
    }

    void sample() throws IOException {
        peakKb = Math.max(peakKb, rssKb());
    }

    /** CPU time (user + system, all threads) the server process has used so far. */
    Duration cpu() {
        return process.process
                .info()
                .totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.process.pid()));
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
