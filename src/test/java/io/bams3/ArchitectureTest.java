package io.bams3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The format package stays framework-free: no Spring, no AWS SDK, no other layer of this project.
 * The protocol (htsget) and the catalog do not depend on Spring or the web layer either; only
 * the web package and the serve command know Spring.
 */
class ArchitectureTest {
    @Test
    void onlyTheWebLayerAndServeCommandUseSpring() throws IOException {
        List<Path> sources;
        try (var files = Files.walk(Path.of("src/main/java/io/bams3"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        int checked = 0;
        for (Path p : sources) {
            String rel = p.toString().replace('\\', '/');
            if (rel.contains("/web/") || rel.endsWith("cli/ServeCommand.java")) {
                continue;
            }
            String text = Files.readString(p);
            assertThat(text).as(rel).doesNotContain("org.springframework").doesNotContain("io.bams3.web")
                    .doesNotContain("jakarta.servlet").doesNotContain("io.swagger");
            checked++;
        }
        assertThat(checked).isGreaterThan(60);
    }

    @Test
    void formatImportsNoFrameworkAndNoOuterLayer() throws IOException {
        Path format = Path.of("src/main/java/io/bams3/format");
        List<Path> sources;
        try (var files = Files.list(format)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(sources).hasSizeGreaterThan(10);
        for (Path p : sources) {
            String text = Files.readString(p);
            assertThat(text).as(p.toString())
                    .doesNotContain("org.springframework").doesNotContain("software.amazon")
                    .doesNotContain("import io.bams3.store").doesNotContain("import io.bams3.query")
                    .doesNotContain("import io.bams3.convert").doesNotContain("import io.bams3.cli");
        }
    }
}
