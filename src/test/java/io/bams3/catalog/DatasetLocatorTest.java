package io.bams3.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetLocatorTest {
    private final Path root = Path.of("/srv/data");

    @Test
    void idsMapUnderTheirRootWithSlashesAsSubPaths() {
        DatasetLocator l = new DatasetLocator(List.of(DatasetRoot.of(root.toString())));
        assertThat(l.locate("NA12878")).hasValue("/srv/data/NA12878.bams3");
        assertThat(l.locate("cohort/2024/NA12878")).hasValue("/srv/data/cohort/2024/NA12878.bams3");
        assertThat(l.locate("a.b-c_d~e+f@g=h,i:j")).hasValue("/srv/data/a.b-c_d~e+f@g=h,i:j.bams3");
    }

    @Test
    void prefixesAndPatternsChooseTheRootInOrder() {
        DatasetLocator l = new DatasetLocator(List.of(
                new DatasetRoot("s3://bucket/cohort", "cohort/", null, ".bams3"),
                new DatasetRoot("s3://other/{2}/{1}", "", Pattern.compile("run-([0-9]+)-(HG[0-9]+)"), ".bams3"),
                new DatasetRoot("/local", "", null, "")));
        assertThat(l.locate("cohort/NA12878")).hasValue("s3://bucket/cohort/NA12878.bams3");
        assertThat(l.locate("run-42-HG002")).hasValue("s3://other/HG002/42.bams3");
        assertThat(l.locate("plain")).hasValue("/local/plain");
        assertThat(new DatasetLocator(List.of(new DatasetRoot("/x", "only/", null, null))).locate("other"))
                .isEmpty();
        assertThat(new DatasetLocator(List.of(new DatasetRoot("/x", "only/", null, null))).locate("only"))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "..",
                "../etc/passwd",
                "a/../../b",
                "a/./b",
                "/abs",
                "a//b",
                "a/",
                ".hidden",
                "a/.staging-1",
                "a\\b",
                "%2e%2e",
                "a%2Fb",
                "a b",
                "a\u0000b",
                "é",
                "a?b",
                "a#b",
                "a*b"
            })
    void idsThatCouldEscapeOrAreMalformedAreRejected(String id) {
        DatasetLocator l = new DatasetLocator(List.of(DatasetRoot.of(root.toString())));
        assertThatThrownBy(() -> l.locate(id)).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void patternGroupsCannotSmuggleAPathOut() {
        DatasetLocator l =
                new DatasetLocator(List.of(new DatasetRoot("/srv/{2}/x", "", Pattern.compile("([a-z]+)-(.*)-x"), "")));
        assertThat(l.locate("ok-fine-x")).hasValue("/srv/fine/x");
        assertThat(l.locate("ok-a/b-x")).hasValue("/srv/a/b/x");
        // "a-..-x" is a valid id (no segment starts with '.'), but its group ".." is not
        assertThatThrownBy(() -> l.locate("a-..-x")).isInstanceOf(InvalidIdException.class);
    }

    @Test
    void everyLocationStaysInsideItsRoot() {
        DatasetLocator l = new DatasetLocator(List.of(DatasetRoot.of(root.toString())));
        for (String id : List.of("a", "a/b", "a.../b", "a..b", "x/y/z")) {
            assertThat(Path.of(l.locate(id).orElseThrow()).normalize().startsWith(root))
                    .as(id)
                    .isTrue();
        }
    }
}
