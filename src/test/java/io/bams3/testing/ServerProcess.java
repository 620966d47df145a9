package io.bams3.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bams3 serve} as its own JVM ({@link ChildJvm}): with exactly the given environment (what
 * compose or the chart sets) and arguments, on the application's classpath without the test
 * classes (so the app's own logging and configuration apply, not the tests'), or on a given classpath.
 */
public final class ServerProcess implements AutoCloseable {
    public static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final Process process;
    public final Path log;
    public final String base;

    private ServerProcess(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server with {@code env} on the application's classpath, heap 512 MiB, no arguments. */
    public static ServerProcess start(Map<String, String> env, int port) throws Exception {
        return start(ChildJvm.appClasspath(), "512m", List.of(), env, port);
    }

    /**
     * Starts {@code bams3 serve ARGS} on {@code classpath} with {@code env} on top of a minimal
     * environment (no AWS_, BAMS3_ or SPRING_ variables inherited); waits until its liveness answers.
     */
    public static ServerProcess start(
            String classpath, String heap, List<String> args, Map<String, String> env, int port) throws Exception {
        Path log = Files.createTempFile("bams3-serve", ".log");
        List<String> cmd = new ArrayList<>(List.of("serve"));
        cmd.addAll(args);
        ProcessBuilder pb = ChildJvm.bams3(classpath, heap, cmd, env, log);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        ServerProcess server = new ServerProcess(pb.start(), log, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                if (server.get("/actuator/health/liveness").statusCode() == 200) {
                    return server;
                }
            } catch (IOException e) {
                if (!server.process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("server did not start:\n" + Files.readString(log));
                }
            }
            Thread.sleep(200);
        }
    }

    public HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /**
     * Polls readiness for up to 60 s (the server warms up before it reports ready) until it
     * answers {@code wanted}; returns the last status.
     */
    public int awaitReadiness(int wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status;
        while ((status = get("/actuator/health/readiness").statusCode()) != wanted && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return status;
    }

    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Resident memory of the process now, from /proc (Linux), in KiB. */
    public long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
