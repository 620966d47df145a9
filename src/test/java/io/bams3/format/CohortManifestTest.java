package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bams3.codec.FormatException;
import io.bams3.format.CohortManifest.Member;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CohortManifestTest {
    private static final CohortManifest TRIO = new CohortManifest(List.of(
            new Member("NA12878", "NA12878.bams3"),
            new Member("NA12891", "ds/NA12891.bams3"),
            new Member("NA12892", "s3://other/ds/NA12892.bams3")));

    private static final String TRIO_JSON = "{\n"
            + "  \"format\" : \"bams3-cohort\",\n"
            + "  \"version\" : 1,\n"
            + "  \"members\" : [ {\n"
            + "    \"sample\" : \"NA12878\",\n"
            + "    \"dataset\" : \"NA12878.bams3\"\n"
            + "  }, {\n"
            + "    \"sample\" : \"NA12891\",\n"
            + "    \"dataset\" : \"ds/NA12891.bams3\"\n"
            + "  }, {\n"
            + "    \"sample\" : \"NA12892\",\n"
            + "    \"dataset\" : \"s3://other/ds/NA12892.bams3\"\n"
            + "  } ]\n"
            + "}";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static CohortManifest read(String json) {
        return CohortManifest.fromJson(utf8(json), "s3://b/trio.cohort");
    }

    private static String members(String members) {
        return "{\"format\":\"bams3-cohort\",\"version\":1,\"members\":[" + members + "]}";
    }

    // --- JSON ---

    @Test
    void writesTheDocumentedJson() {
        assertThat(new String(TRIO.toJson(), StandardCharsets.UTF_8)).isEqualTo(TRIO_JSON);
    }

    @Test
    void roundTrips() {
        assertThat(read(TRIO_JSON)).isEqualTo(TRIO);
        assertThat(CohortManifest.fromJson(TRIO.toJson(), "x")).isEqualTo(TRIO);
        CohortManifest unicode = new CohortManifest(List.of(new Member("s1", "/data/\u00e9chantillon \"1\".bams3")));
        assertThat(CohortManifest.fromJson(unicode.toJson(), "x")).isEqualTo(unicode);
    }

    @Test
    void readsTheCompactForm() {
        assertThat(read(members("{\"sample\":\"a\",\"dataset\":\"a.bams3\"}")).members())
                .containsExactly(new Member("a", "a.bams3"));
    }

    @Test
    void ignoresUnknownFieldsAtEveryLevel() {
        CohortManifest m = read("{\"comment\":{\"nested\":[1,2,{\"x\":null}]},\"format\":\"bams3-cohort\","
                + "\"created\":\"2025-01-01\",\"version\":1,\"members\":[{\"sex\":\"F\",\"sample\":\"a\","
                + "\"extra\":[true],\"dataset\":\"a.bams3\"}],\"future\":7}");
        assertThat(m.members()).containsExactly(new Member("a", "a.bams3"));
    }

    @Test
    void refusesAnotherFormat() {
        assertThatThrownBy(() -> read("{\"format\":\"bams3\",\"version\":1,\"members\":[]}"))
                .isInstanceOf(FormatException.class)
                .hasMessage("s3://b/trio.cohort: not a cohort manifest (format 'bams3', expected 'bams3-cohort')");
    }

    @Test
    void refusesAnotherVersionWhateverItsMembersLookLike() {
        assertThatThrownBy(() -> read("{\"format\":\"bams3-cohort\",\"version\":2,\"members\":[7,{\"sample\":[]}]}"))
                .isInstanceOf(FormatException.class)
                .hasMessage("s3://b/trio.cohort: unsupported cohort manifest version 2");
    }

    @Test
    void refusesAMissingFormat() {
        assertThatThrownBy(() -> read("{\"version\":1,\"members\":[]}"))
                .isInstanceOf(FormatException.class)
                .hasMessage("s3://b/trio.cohort: not a cohort manifest (no 'format')");
    }

    @Test
    void refusesAMissingVersion() {
        assertThatThrownBy(() -> read("{\"format\":\"bams3-cohort\",\"members\":[]}"))
                .hasMessage("s3://b/trio.cohort: the cohort manifest has no 'version'");
    }

    @Test
    void refusesMissingMembers() {
        assertThatThrownBy(() -> read("{\"format\":\"bams3-cohort\",\"version\":1}"))
                .hasMessage("s3://b/trio.cohort: the cohort manifest has no 'members'");
    }

    @Test
    void refusesNoMembers() {
        assertThatThrownBy(() -> read(members("")))
                .isInstanceOf(FormatException.class)
                .hasMessage("s3://b/trio.cohort: a cohort needs at least one member");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"format\":\"bams3-cohort\",\"format\":\"bams3-cohort\"} | duplicate property 'format'",
                "{\"format\":\"bams3-cohort\",\"version\":1,\"version\":1} | duplicate property 'version'",
                "{\"members\":[],\"members\":[]} | duplicate property 'members'",
                "{\"format\":1} | 'format' is not a string",
                "{\"format\":\"bams3-cohort\",\"version\":\"1\"} | 'version' is not an integer",
                "{\"format\":\"bams3-cohort\",\"version\":1.0} | 'version' is not an integer",
                "{\"format\":\"bams3-cohort\",\"version\":4294967297} | 'version' is not an integer",
                "{\"format\":\"bams3-cohort\",\"version\":1,\"members\":{}} | 'members' is not an array",
            })
    void refusesTopLevelFieldsOfTheWrongTypeOrTwice(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(FormatException.class)
                .hasMessage("s3://b/trio.cohort: " + message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"sample\":\"a\",\"dataset\":\"a\"},\"a\" | members[1] is not an object",
                "{\"sample\":\"a\",\"sample\":\"b\",\"dataset\":\"a\"} | duplicate property 'members[0].sample'",
                "{\"sample\":\"a\",\"dataset\":\"a\",\"dataset\":\"b\"} | duplicate property 'members[0].dataset'",
                "{\"sample\":1,\"dataset\":\"a\"} | 'members[0].sample' is not a string",
                "{\"sample\":\"a\",\"dataset\":null} | 'members[0].dataset' is not a string",
                "{\"dataset\":\"a\"} | members[0]: a member has no sample name",
                "{\"sample\":\"a\"} | members[0]: a member has no dataset",
                "{\"sample\":\"a b\",\"dataset\":\"a\"} | members[0]: sample name 'a b' has a space: use letters, digits"
                        + " and . _ + = @ ~ : -",
            })
    void refusesMisshapenMembersNamingThem(String member, String message) {
        assertThatThrownBy(() -> read(members(member)))
                .isInstanceOf(FormatException.class)
                .hasMessage("s3://b/trio.cohort: " + message);
    }

    @Test
    void refusesDuplicateSamplesAndDatasetsOnRead() {
        assertThatThrownBy(() ->
                        read(members("{\"sample\":\"a\",\"dataset\":\"a\"},{\"sample\":\"a\",\"dataset\":\"b\"}")))
                .hasMessage("s3://b/trio.cohort: sample 'a' is listed twice");
        assertThatThrownBy(() ->
                        read(members("{\"sample\":\"a\",\"dataset\":\"x\"},{\"sample\":\"b\",\"dataset\":\"x\"}")))
                .hasMessage("s3://b/trio.cohort: dataset 'x' is listed twice (samples 'a' and 'b')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "\"cohort\"", "{", "{\"format\":\"bams3-cohort\"} {}", "\u0000"})
    void refusesTextThatIsNotOneJsonObject(String json) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(FormatException.class)
                .hasMessageStartingWith("s3://b/trio.cohort: ");
    }

    @Test
    void refusesMoreThanTheMaximumNumberOfMembersOnRead() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= CohortManifest.MAX_MEMBERS; i++) {
            b.append(i == 0 ? "" : ",")
                    .append("{\"sample\":\"s")
                    .append(i)
                    .append("\",\"dataset\":\"d")
                    .append(i)
                    .append("\"}");
        }
        assertThatThrownBy(() -> read(members(b.toString())))
                .hasMessage("s3://b/trio.cohort: a cohort has at most 10000 members");
    }

    @Test
    void doesNotEchoHugeOrControlCharacterInput() {
        String huge = "x".repeat(100_000);
        assertThatThrownBy(() -> read("{\"format\":\"" + huge + "\u0001\"}"))
                .message()
                .hasSizeLessThan(300);
        assertThatThrownBy(() -> read("{\"format\":\"a\\u0001b\\n\"}"))
                .hasMessage(
                        "s3://b/trio.cohort: not a cohort manifest (format 'a\\x01b\\x0a', expected 'bams3-cohort')");
        assertThatThrownBy(() -> read(members("{\"sample\":\"a\",\"dataset\":\"" + huge + "\\u0007\"}")))
                .message()
                .hasSizeLessThan(300)
                .doesNotContain("\u0007");
        assertThatThrownBy(() -> read(huge)).message().hasSizeLessThan(300);
    }

    // --- the manifest's own rules ---

    @Test
    void copiesTheMemberList() {
        List<Member> list = new ArrayList<>(List.of(new Member("a", "a")));
        CohortManifest m = new CohortManifest(list);
        list.add(new Member("b", "b"));
        assertThat(m.members()).hasSize(1);
        assertThatThrownBy(() -> m.members().add(new Member("c", "c")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesMoreThanTheMaximumNumberOfMembers() {
        List<Member> many = new ArrayList<>();
        for (int i = 0; i <= CohortManifest.MAX_MEMBERS; i++) {
            many.add(new Member("s" + i, "d" + i));
        }
        assertThatCode(() -> new CohortManifest(many.subList(0, CohortManifest.MAX_MEMBERS)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new CohortManifest(many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cohort has at most 10000 members, not 10001");
    }

    @Test
    void refusesAnEmptyCohort() {
        assertThatThrownBy(() -> new CohortManifest(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a cohort needs at least one member");
    }

    @Test
    void samplesAreInMemberOrder() {
        assertThat(TRIO.samples()).containsExactly("NA12878", "NA12891", "NA12892");
    }

    @Test
    void withAppendsAtTheEnd() {
        CohortManifest four = TRIO.with(new Member("HG002", "/data/HG002.bams3"));
        assertThat(four.samples()).containsExactly("NA12878", "NA12891", "NA12892", "HG002");
        assertThat(TRIO.members()).hasSize(3);
    }

    @Test
    void withRefusesATakenSample() {
        assertThatThrownBy(() -> TRIO.with(new Member("NA12891", "new.bams3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the cohort already has sample 'NA12891'");
    }

    @Test
    void withRefusesATakenDataset() {
        assertThatThrownBy(() -> TRIO.with(new Member("new", "ds/NA12891.bams3")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the cohort already has dataset 'ds/NA12891.bams3' (sample 'NA12891')");
    }

    @Test
    void withoutRemovesOneMemberKeepingTheOrder() {
        assertThat(TRIO.without("NA12891").members())
                .containsExactly(
                        new Member("NA12878", "NA12878.bams3"), new Member("NA12892", "s3://other/ds/NA12892.bams3"));
    }

    @Test
    void withoutRefusesAnUnknownSample() {
        assertThatThrownBy(() -> TRIO.without("HG002"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the cohort has no sample 'HG002'");
    }

    @Test
    void withoutRefusesTheLastMember() {
        CohortManifest one = new CohortManifest(List.of(new Member("a", "a.bams3")));
        assertThatThrownBy(() -> one.without("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot remove sample 'a': it is the cohort's last member");
    }

    // --- sample names ---

    @ParameterizedTest
    @ValueSource(strings = {"NA12878", "a", "_", "0", "HG002.GRCh38", "tumour-1", "x+y=z@w~v:u", "s_1"})
    void acceptsSampleNames(String sample) {
        assertThatCode(() -> CohortManifest.checkSample(sample)).doesNotThrowAnyException();
    }

    @Test
    void acceptsA128CharacterSampleName() {
        assertThatCode(() -> CohortManifest.checkSample("s".repeat(128))).doesNotThrowAnyException();
    }

    @Test
    void refusesANullSample() {
        assertThatThrownBy(() -> new Member(null, "a.bams3")).hasMessage("a member has no sample name");
    }

    @Test
    void refusesAnEmptySample() {
        assertThatThrownBy(() -> CohortManifest.checkSample(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a sample name is empty");
    }

    @Test
    void refusesASampleLongerThan128Characters() {
        assertThatThrownBy(() -> CohortManifest.checkSample("s".repeat(129)))
                .hasMessage("sample name '" + "s".repeat(100) + "...' is longer than 128 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "-x", "+x", ":x", "@x", "=x", "~x"})
    void refusesASampleNotStartingWithALetterDigitOrUnderscore(String sample) {
        assertThatThrownBy(() -> CohortManifest.checkSample(sample))
                .hasMessage("sample name '" + sample + "' must start with a letter, a digit or '_'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {"a,b|a comma", "a b|a space", "a/b|'/'", "a*b|'*'", "a%b|a '%'", "a\u00e9|the character U+00E9"})
    void refusesASampleWithACharacterOutsideTheSet(String sample, String what) {
        assertThatThrownBy(() -> CohortManifest.checkSample(sample))
                .hasMessage("sample name '" + sample + "' has " + what + ": use letters, digits and . _ + = @ ~ : -");
    }

    @Test
    void refusesASampleWithATabShowingItEscaped() {
        assertThatThrownBy(() -> CohortManifest.checkSample("a\tb"))
                .hasMessage("sample name 'a\\x09b' has a tab: use letters, digits and . _ + = @ ~ : -");
    }

    // --- dataset references ---

    @ParameterizedTest
    @ValueSource(
            strings = {
                "NA12878.bams3",
                "ds/NA12878.bams3",
                "a b/c~d:e",
                "s3://bucket/key",
                "s3://bucket/ds/NA12878.bams3",
                "/data/NA12878.bams3",
                "/x",
                "\u00e9chantillon.bams3"
            })
    void acceptsDatasetReferences(String dataset) {
        assertThatCode(() -> CohortManifest.checkDataset(dataset)).doesNotThrowAnyException();
    }

    @Test
    void acceptsA2048CharacterReference() {
        assertThatCode(() -> CohortManifest.checkDataset("d".repeat(2048))).doesNotThrowAnyException();
    }

    @Test
    void refusesANullDataset() {
        assertThatThrownBy(() -> new Member("a", null)).hasMessage("a member has no dataset");
    }

    @Test
    void refusesAnEmptyDataset() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("")).hasMessage("a dataset reference is empty");
    }

    @Test
    void refusesADatasetLongerThan2048Characters() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("d".repeat(2049)))
                .hasMessage("dataset reference '" + "d".repeat(100) + "...' is longer than 2048 characters");
    }

    @Test
    void refusesAControlCharacterInADataset() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("a\nb"))
                .hasMessage("dataset reference 'a\\x0ab' has the control character U+000A");
        assertThatThrownBy(() -> CohortManifest.checkDataset("a\u007fb"))
                .hasMessage("dataset reference 'a\\x7fb' has the control character U+007F");
    }

    @Test
    void refusesABackslashInADataset() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("ds\\a.bams3"))
                .hasMessage("dataset reference 'ds\\a.bams3' has a backslash");
    }

    @Test
    void refusesAPercentInADataset() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("a%20b"))
                .hasMessage("dataset reference 'a%20b' has a '%': write the name unescaped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a//b", "a/", "/", "/a/", "//a"})
    void refusesAnEmptySegment(String dataset) {
        assertThatThrownBy(() -> CohortManifest.checkDataset(dataset))
                .hasMessage("dataset reference '" + dataset + "' has an empty segment ('//' or a '/' at an end)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../a", "ds/../a", ".hidden", "ds/.a", "./a"})
    void refusesARelativeSegmentStartingWithADot(String dataset) {
        assertThatThrownBy(() -> CohortManifest.checkDataset(dataset))
                .hasMessage("relative dataset reference '" + dataset + "' has a segment starting with '.'");
    }

    @ParameterizedTest
    @CsvSource({"/data/../x,..", "/./x,.", "s3://b/ds/../x,..", "s3://b/./x,."})
    void refusesADotSegmentInAnAbsoluteReference(String dataset, String segment) {
        assertThatThrownBy(() -> CohortManifest.checkDataset(dataset))
                .hasMessage("dataset reference '" + dataset + "' has a '" + segment + "' segment");
    }

    @Test
    void acceptsADotInsideAnAbsoluteSegment() {
        assertThatCode(() -> CohortManifest.checkDataset("/data/.cache/a.bams3"))
                .doesNotThrowAnyException();
        assertThatCode(() -> CohortManifest.checkDataset("s3://b/.x/a")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gs://b/a", "https://host/a", "file:///a"})
    void refusesAnotherScheme(String dataset) {
        assertThatThrownBy(() -> CohortManifest.checkDataset(dataset))
                .hasMessage("dataset reference '" + dataset
                        + "' has an unsupported scheme: use s3://, a path or a relative name");
    }

    @Test
    void refusesAnS3ReferenceWithoutBucket() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("s3:///key"))
                .hasMessage("dataset reference 's3:///key' has no bucket: use s3://bucket/key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3://bucket", "s3://bucket/"})
    void refusesAnS3ReferenceWithoutKey(String dataset) {
        assertThatThrownBy(() -> CohortManifest.checkDataset(dataset))
                .hasMessage("dataset reference '" + dataset + "' has no key: use s3://bucket/key");
    }

    @Test
    void refusesAnEmptyS3KeySegment() {
        assertThatThrownBy(() -> CohortManifest.checkDataset("s3://b/a//c"))
                .hasMessage("dataset reference 's3://b/a//c' has an empty segment ('//' or a '/' at an end)");
    }

    @Test
    void refusesTheSameDatasetTwice() {
        assertThatThrownBy(() -> new CohortManifest(List.of(new Member("a", "x"), new Member("b", "x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset 'x' is listed twice (samples 'a' and 'b')");
    }

    @Test
    void refusesTheSameSampleTwice() {
        assertThatThrownBy(() -> new CohortManifest(List.of(new Member("a", "x"), new Member("a", "y"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sample 'a' is listed twice");
    }

    // --- resolution ---

    @Test
    void relativeReferences() {
        assertThat(CohortManifest.isRelative("a.bams3")).isTrue();
        assertThat(CohortManifest.isRelative("ds/a.bams3")).isTrue();
        assertThat(CohortManifest.isRelative("/x/a.bams3")).isFalse();
        assertThat(CohortManifest.isRelative("s3://b/a.bams3")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "s3://b/cohorts/trio.cohort, ds/NA12878.bams3, s3://b/cohorts/ds/NA12878.bams3",
        "s3://b/trio.cohort, NA12878.bams3, s3://b/NA12878.bams3",
        "/x/y/trio.cohort, a.bams3, /x/y/a.bams3",
        "/trio.cohort, a.bams3, /a.bams3",
        "trio.cohort, a.bams3, a.bams3",
        "cohorts/trio.cohort, ds/a.bams3, cohorts/ds/a.bams3",
        "s3://b/cohorts/trio.cohort, s3://other/a.bams3, s3://other/a.bams3",
        "s3://b/cohorts/trio.cohort, /data/a.bams3, /data/a.bams3",
        "/x/y/trio.cohort, s3://b/a.bams3, s3://b/a.bams3",
    })
    void resolvesAgainstTheManifestsDirectoryOrPrefix(String manifest, String dataset, String expected) {
        assertThat(CohortManifest.resolve(manifest, dataset)).isEqualTo(expected);
    }

    @Test
    void resolveRefusesAnInvalidReference() {
        assertThatThrownBy(() -> CohortManifest.resolve("/x/trio.cohort", "../a.bams3"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
