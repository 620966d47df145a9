package io.bams3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The format package stays framework-free: no Spring, no AWS SDK, no other layer of this project. */
class ArchitectureTest {
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
