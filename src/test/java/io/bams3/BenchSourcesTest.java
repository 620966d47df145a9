package io.bams3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness (bench/src/main/java) is not part of the test build, so a change to the
 * library cannot leave it broken unnoticed: every file of it compiles against the current classes,
 * as bench/run.sh compiles it.
 */
@Tag("slow")
class BenchSourcesTest {

    @Test
    void theBenchmarkHarnessCompiles(@TempDir Path out) throws Exception {
        Path sources = Path.of("bench/src/main/java");
        List<String> args = new ArrayList<>(List.of(
                "-proc:none",
                "-nowarn",
                "-d",
                out.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-sourcepath",
                sources + File.pathSeparator + "src/test/java"));
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .sorted()
                    .forEach(args::add);
        }
        assertThat(args.size()).as("benchmark sources").isGreaterThan(20);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(status).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.resolve("io/bams3/bench/BenchMain.class")).exists();
    }
}
