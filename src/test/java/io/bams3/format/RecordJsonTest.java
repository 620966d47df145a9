package io.bams3.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

class RecordJsonTest {
    record Inner(String name, long bytes) {}

    record Outer(String format, int version, Inner inner, long total) {}

    private static Outer read(String json) {
        return RecordJson.read(json.getBytes(StandardCharsets.UTF_8), Outer.class);
    }

    @Test
    void writesWhatTheDataBindingMapperWroteForEveryDatasetSinceVersion2() {
        DatasetMetadata m = DatasetMetadataTest.sample("bgzf", 3366, 1_234_567_890_123L);
        byte[] mapper = JsonMapper.builder()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build()
                .writeValueAsBytes(m);
        assertThat(new String(RecordJson.write(m), StandardCharsets.UTF_8))
                .isEqualTo(new String(mapper, StandardCharsets.UTF_8));
        assertThat(RecordJson.read(mapper, DatasetMetadata.class)).isEqualTo(m);
    }

    @Test
    void writesTwoSpaceIndentedObjectsInDeclarationOrder() {
        Outer o = new Outer("x\"y", 2, new Inner(null, 5_000_000_000L), -1);
        assertThat(new String(RecordJson.write(o), StandardCharsets.UTF_8))
                .isEqualTo("{\n  \"format\" : \"x\\\"y\",\n  \"version\" : 2,\n  \"inner\" : {\n"
                        + "    \"name\" : null,\n    \"bytes\" : 5000000000\n  },\n  \"total\" : -1\n}");
    }

    @Test
    void ignoresUnknownPropertiesOfAnyShapeAndLeavesMissingOnesEmpty() {
        assertThat(
                        read(
                                "{\"later\":{\"a\":[1,{\"b\":2}]},\"inner\":{\"bytes\":7,\"x\":[]},\"list\":[3],\"version\":4}"))
                .isEqualTo(new Outer(null, 4, new Inner(null, 7), 0));
        assertThat(read("{\"format\":null,\"inner\":null}")).isEqualTo(new Outer(null, 0, null, 0));
    }

    @Test
    void refusesValuesThatDoNotFitTheirComponent() {
        assertRefused("{\"version\":\"2\"}", "'version' is not an integer");
        assertRefused("{\"version\":2.0}", "'version' is not an integer");
        assertRefused("{\"version\":2147483648}", "'version' is out of range");
        assertRefused("{\"total\":9223372036854775808}", "'total' is out of range");
        assertRefused("{\"version\":null}", "'version' is not an integer");
        assertRefused("{\"format\":7}", "'format' is not a string");
        assertRefused("{\"inner\":[]}", "'inner' is not an object");
        assertRefused("{\"inner\":{\"bytes\":\"1\"}}", "'inner.bytes' is not an integer");
        assertRefused("{\"version\":1,\"version\":2}", "duplicate property 'version'");
        assertRefused("{\"inner\":{\"name\":\"a\",\"name\":\"b\"}}", "duplicate property 'inner.name'");
        assertRefused("[]", "not a JSON object");
        assertRefused("", "not a JSON object");
        assertRefused("{} {}", "text after the object");
        assertRefused("{\"format\":", "end-of-input");
    }

    private static void assertRefused(String json, String message) {
        assertThatThrownBy(() -> read(json))
                .as(json)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
