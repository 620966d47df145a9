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

    @Test
    void thePartOfAnIdAfterItsPrefixIsCheckedAsAnIdOfItsOwn() {
        // issue 10: with prefix "cohort" (no trailing '/'), "cohort../mp" was /srv/data/c/../mp.bams3
        DatasetLocator l = new DatasetLocator(List.of(new DatasetRoot("/srv/data/c", "cohort", null, ".bams3")));
        assertThat(l.locate("cohortA/b")).hasValue("/srv/data/c/A/b.bams3");
        DatasetLocator s3 = new DatasetLocator(List.of(new DatasetRoot("s3://bucket/c", "cohort", null, ".bams3")));
        assertThat(s3.locate("cohortA/b")).hasValue("s3://bucket/c/A/b.bams3");
        for (String id :
                List.of("cohort../mp", "cohort../../etc/passwd", "cohort./x", "cohort.hidden", "cohort.../x")) {
            assertThatThrownBy(() -> l.locate(id))
                    .as(id)
                    .isInstanceOf(InvalidIdException.class)
                    .hasMessageNotContaining("/srv");
            assertThatThrownBy(() -> s3.locate(id))
                    .as(id)
                    .isInstanceOf(InvalidIdException.class)
                    .hasMessageNotContaining("bucket");
        }
    }

    @Test
    void aLocationOutsideItsRootIsRefusedWhateverMadeIt() {
        // the id is sound; the root's own suffix (a setting) would lead out of it
        assertThatThrownBy(() ->
                        new DatasetLocator(List.of(new DatasetRoot("/srv/data", "", null, "/../../etc"))).locate("a"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageNotContaining("/srv");
        assertThatThrownBy(() ->
                        new DatasetLocator(List.of(new DatasetRoot("s3://bucket/data", "", null, "/../x"))).locate("a"))
                .isInstanceOf(InvalidIdException.class)
                .hasMessageNotContaining("bucket");
        // a pattern root is confined to the directory its fixed part names
        DatasetLocator p = new DatasetLocator(
                List.of(new DatasetRoot("/srv/runs/{1}/../../x", "", Pattern.compile("run-(.*)"), "")));
        assertThatThrownBy(() -> p.locate("run-a")).isInstanceOf(InvalidIdException.class);
        assertThat(new DatasetLocator(List.of(new DatasetRoot("s3://b/runs-{1}", "", Pattern.compile("r(.*)"), "")))
                        .locate("r7"))
                .hasValue("s3://b/runs-7");
    }
}
