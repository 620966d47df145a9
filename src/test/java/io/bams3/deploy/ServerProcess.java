package io.bams3.deploy;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bams3 serve} as its own JVM with exactly the given environment (what compose or the
 * chart sets), on the application's classpath without the test classes (so the app's own logging
 * and configuration apply, not the tests').
 */
final class ServerProcess implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final Process process;
    final Path log;
    final String base;

    private ServerProcess(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server with {@code env} on top of a minimal environment; waits until its liveness answers. */
    static ServerProcess start(Map<String, String> env, int port) throws Exception {
        String cp = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.endsWith("test-classes")).collect(Collectors.joining(java.io.File.pathSeparator));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Files.createTempFile("bams3-serve", ".log");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", cp, "io.bams3.cli.Main", "serve"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("BAMS3_") || k.startsWith("SPRING_"));
        pb.environment().putAll(env);
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

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Polls readiness for up to 15 s until it answers {@code wanted}; returns the last status. */
    int awaitReadiness(int wanted) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int status;
        while ((status = get("/actuator/health/readiness").statusCode()) != wanted && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        return status;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
