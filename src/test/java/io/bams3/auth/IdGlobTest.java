package io.bams3.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IdGlobTest {
    private static boolean matches(String glob, String id) {
        return new IdGlob(glob).matches(id);
    }

    @Test
    void aPlainGlobMatchesOnlyItself() {
        assertThat(matches("NA12878", "NA12878")).isTrue();
        assertThat(matches("NA12878", "NA1287")).isFalse();
        assertThat(matches("NA12878", "NA12878x")).isFalse();
        assertThat(matches("NA12878", "na12878")).isFalse();
        assertThat(matches("cohort/a", "cohort/a")).isTrue();
    }

    @Test
    void aStarStaysWithinOneSegment() {
        assertThat(matches("cohort/*", "cohort/NA12878")).isTrue();
        assertThat(matches("cohort/*", "cohort/")).isFalse(); // an empty segment is no id
        assertThat(matches("cohort/*", "cohort2/x")).isFalse();
        assertThat(matches("cohort/*", "cohort/a/b")).isFalse();
        assertThat(matches("cohort*", "cohort2")).isTrue();
        assertThat(matches("cohort*", "cohort2/x")).isFalse();
        assertThat(matches("*/NA12878", "cohort/NA12878")).isTrue();
    }

    @Test
    void aDoubleStarCrossesSegments() {
        assertThat(matches("cohort/**", "cohort/a/b/c")).isTrue();
        assertThat(matches("cohort/**", "cohort2/a")).isFalse();
        assertThat(matches("**", "anything/at/all")).isTrue();
    }

    @Test
    void aQuestionMarkIsOneCharacterOtherThanASlash() {
        assertThat(matches("sample?", "sample1")).isTrue();
        assertThat(matches("sample?", "sample12")).isFalse();
        assertThat(matches("a?b", "a/b")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(matches("a.b", "a.b")).isTrue();
        assertThat(matches("a.b", "axb")).isFalse();
        assertThat(matches("HLA-A[1]+", "HLA-A[1]+")).isTrue();
        assertThat(matches("HLA-A[1]+", "HLA-A11")).isFalse();
        assertThat(matches("(x|y)", "x")).isFalse();
    }

    @Test
    void idsThatCouldNameSomethingElseAreMatchedByNothing() {
        for (String id : new String[] {
            "cohort/../secret",
            "cohort/./a",
            "../cohort/a",
            "cohort//a",
            "/cohort/a",
            "cohort/a/",
            "cohort\\..\\a",
            "cohort/a\n",
            "cohort/a\u0000",
            ""
        }) {
            assertThat(matches("**", id)).as("%s", id).isFalse();
        }
        assertThat(new IdGlob("**").matches(null)).isFalse();
        assertThat(matches("cohort/**", "cohort/..a"))
                .as("'..a' is a plain name")
                .isTrue();
    }

    @Test
    void anEmptyGlobIsRefused() {
        assertThatThrownBy(() -> new IdGlob("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IdGlob(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
