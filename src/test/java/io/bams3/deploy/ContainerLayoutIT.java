package io.bams3.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.bams3.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as the Dockerfile uses it (no Docker engine needed): extracted into Spring
 * Boot's layers with the same command, the layers copied into one directory in the same order,
 * and the image's ENTRYPOINT and CMD run from there.
 */
@Tag("deploy")
class ContainerLayoutIT {
    @TempDir
    static Path dir;

    static Path app;

    @BeforeAll
    static void extractLikeTheDockerfile() throws Exception {
        Path jar = Path.of("target/bams3.jar");
        assertThat(jar).exists();
        String dockerfile = Files.readString(ComposeAndDockerfileTest.DOCKERFILE);
        assertThat(dockerfile)
                .contains("java -Djarmode=tools -jar target/bams3.jar extract --layers --destination /layers");
        Path layers = dir.resolve("layers");
        run(
                dir,
                "java",
                "-Djarmode=tools",
                "-jar",
                jar.toAbsolutePath().toString(),
                "extract",
                "--layers",
                "--destination",
                layers.toString());
        app = dir.resolve("app");
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(dockerfile).contains("COPY --from=build /layers/" + layer + "/ ./");
            copyTree(layers.resolve(layer), app);
        }
        // the image's RUN that records the class data sharing archive, with /app where the copy is
        Matcher training = Pattern.compile("RUN (java -XX:ArchiveClassesAtExit=[^\\n]*\\\\\\n[^\\n]*)")
                .matcher(dockerfile);
        assertThat(training.find()).as("the archive's RUN in the Dockerfile").isTrue();
        run(dir, inApp(List.of(training.group(1).replace("\\\n", " ").trim().split("\\s+"))));
        assertThat(app.resolve("bams3.jsa")).isNotEmptyFile();
    }

    /** A command of the Dockerfile with its /app paths pointing at the copy. */
    private static List<String> inApp(List<String> command) {
        return command.stream().map(a -> a.replace("/app/", app + "/")).toList();
    }

    /** The image's ENTRYPOINT, its /app paths pointing at the copy. */
    private static List<String> entrypoint() throws IOException {
        String json = ComposeAndDockerfileTest.instruction(
                Files.readString(ComposeAndDockerfileTest.DOCKERFILE), "ENTRYPOINT");
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(json);
        while (m.find()) {
            words.add(m.group(1));
        }
        return inApp(words);
    }

    @Test
    void theApplicationLayerHoldsOnlyOurCodeSoDependenciesStayCached() throws IOException {
        Path application = dir.resolve("layers/application");
        try (Stream<Path> files = Files.walk(application)) {
            List<String> jars = files.filter(p -> p.toString().endsWith(".jar"))
                    .map(p -> p.getFileName().toString())
                    .toList();
            assertThat(jars).as("jars in the application layer").containsExactly("bams3.jar");
        }
        try (Stream<Path> libs = Files.list(dir.resolve("layers/dependencies/lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("zstd-jni-"))
                    .noneMatch(n -> n.startsWith("htsjdk-"))
                    .anyMatch(n -> n.startsWith("spring-webmvc-"));
        }
    }

    @Test
    void entrypointRunsTheCliAndItsServeCommand() throws Exception {
        List<String> entrypoint = entrypoint();
        assertThat(run(app, concat(entrypoint, "--version"))).startsWith("bams3 ");
        assertThat(run(app, concat(entrypoint, "serve", "--help")))
                .contains("--root")
                .contains("--port");
        assertThat(run(app, concat(entrypoint, "convert", "--help"))).contains("--skip-existing");
    }

    @Test
    void theCommandsLoadTheirClassesFromTheArchiveTheImageRecorded() throws Exception {
        List<String> logged = new ArrayList<>(entrypoint());
        logged.add(1, "-Xlog:class+load=info");
        String out = run(app, concat(logged, "--version"));
        assertThat(out).contains("io.bams3.cli.Main source: shared objects file");
        assertThat(out.lines().filter(l -> l.contains("source: shared objects file (top)")))
                .as("classes from the archive recorded in the image (beyond the JDK's own)")
                .hasSizeGreaterThan(100);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static String run(Path workdir, String... cmd) throws Exception {
        return run(workdir, List.of(cmd));
    }

    private static String run(Path workdir, List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(workdir.toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (Files.exists(from)) {
            TestFiles.copyTree(from, to);
        }
    }
}
