package io.bams3.testing;

import io.bams3.store.S3Clients;
import io.bams3.store.S3Settings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server for tests: S3Mock's standalone jar (fetched by the build into
 * target/s3mock) run as a child process on free loopback ports, shared by all tests of the JVM
 * run and stopped at the end. Use as {@code @ExtendWith(S3MockServer.class)} and
 * {@link #get()}. S3Mock does not check signatures; any credentials work.
 */
public final class S3MockServer implements BeforeAllCallback, AutoCloseable {
    private static S3MockServer running;

    private Process process;
    private URI endpoint;
    private Path storeRoot;
    private S3Clients clients;

    /** The running server (started by the extension). */
    public static synchronized S3MockServer get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(S3MockServer.class)");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (S3MockServer.class) {
            if (running == null) {
                S3MockServer server = start(System.getProperty("bams3.s3mock.jar", "target/s3mock/s3mock-exec.jar"));
                running = server;
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(S3MockServer.class.getName(), server);
                // the CLI under test takes credentials from the SDK's default chain; S3Mock accepts any
                if (System.getProperty("aws.accessKeyId") == null && System.getenv("AWS_ACCESS_KEY_ID") == null) {
                    System.setProperty("aws.accessKeyId", "test");
                    System.setProperty("aws.secretAccessKey", "test");
                }
            }
        }
    }

    /** Starts a server from the S3Mock jar (also used by the benchmarks); close it when done. */
    public static S3MockServer start(String jar) throws IOException, InterruptedException {
        S3MockServer server = new S3MockServer();
        server.launch(jar);
        return server;
    }

    private void launch(String jar) throws IOException, InterruptedException {
        if (!Files.exists(Path.of(jar))) {
            throw new IllegalStateException("S3Mock jar not found at " + jar + " (run the tests through mvn)");
        }
        int http = freePort();
        int https = freePort();
        storeRoot = Files.createTempDirectory("s3mock-store");
        Path log = storeRoot.resolveSibling(storeRoot.getFileName() + ".log");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-Xmx768m",
                "-jar",
                jar,
                "--http.port=" + http,
                "--server.port=" + https,
                "--server.address=127.0.0.1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_ROOT", storeRoot.toString());
        pb.environment().put("COM_ADOBE_TESTING_S3MOCK_STORE_RETAIN_FILES_ON_EXIT", "false");
        process = pb.start();
        endpoint = URI.create("http://127.0.0.1:" + http);
        HttpClient probe =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Mock exited at start; see " + log);
            }
            try {
                probe.send(
                        HttpRequest.newBuilder(endpoint.resolve("/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                break;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("S3Mock did not start within 90 s; see " + log);
                }
                Thread.sleep(250);
            }
        }
        clients = new S3Clients(settings());
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Settings for this server: its endpoint, path-style addressing, dummy credentials. */
    public S3Settings settings() {
        return S3Settings.defaults()
                .withEndpoint(endpoint)
                .withRegion("us-east-1")
                .withCredentials("test", "test");
    }

    public S3Clients clients() {
        return clients;
    }

    /** Creates a bucket with a fresh name and returns it. */
    public String newBucket(String hint) {
        String name = (hint.toLowerCase().replaceAll("[^a-z0-9-]", "-") + "-" + Long.toHexString(System.nanoTime()))
                .replaceAll("-+", "-");
        if (name.length() > 60) {
            name = name.substring(name.length() - 60).replaceAll("^-", "b");
        }
        String bucket = name;
        clients.client().createBucket(b -> b.bucket(bucket));
        return bucket;
    }

    @Override
    public void close() {
        if (clients != null) {
            clients.close();
        }
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
