package io.sentiflow.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares records read by other tools with the README's examples: the field names, at every level and
 * in order, and the values, where the same record came in two wire formats.
 */
final class JsonShapes {

    /** Maps keyed by data rather than by the schema: their keys are not fields (a model's topic names). */
    private static final List<String> MAPS = List.of("topicProbabilities");

    private JsonShapes() {}

    /**
     * Asserts that {@code record} has the example's fields: the same top-level fields in the same order,
     * and no nested field the example lacks (an empty array, such as a RESOLVED alert's evidence after
     * windows without texts, shows none of its items' fields).
     */
    static void assertDocumented(JsonNode record, JsonNode example) {
        assertThat(record.properties()).extracting(Map.Entry::getKey)
                .containsExactlyElementsOf(example.properties().stream().map(Map.Entry::getKey).toList());
        assertThat(fields(example)).as("fields of %s", record).containsAll(fields(record));
    }

    /** The field paths of {@code node}, such as {@code sentiment.bearish} and {@code evidence[].score}. */
    static List<String> fields(JsonNode node) {
        List<String> fields = new ArrayList<>();
        collect(node, "", fields);
        return fields.stream().distinct().toList();
    }

    /**
     * Asserts that two readings of one record agree: same fields, equal values, numbers within the
     * rounding of an Avro float read back as a double (0.97 comes back as 0.9700000286102295).
     */
    static void assertSameRecord(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber() && actual.isNumber()) {
            assertThat(actual.doubleValue()).as(path).isCloseTo(expected.doubleValue(),
                    org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(expected.doubleValue()))));
        } else if (expected.isContainerNode()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            if (expected.isArray()) {
                for (int i = 0; i < expected.size(); i++) {
                    assertSameRecord(expected.get(i), actual.get(i), path + "[" + i + "]");
                }
            } else {
                for (Map.Entry<String, JsonNode> field : expected.properties()) {
                    assertThat(actual.has(field.getKey())).as(path + "." + field.getKey()).isTrue();
                    assertSameRecord(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey());
                }
            }
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static void collect(JsonNode node, String path, List<String> fields) {
        if (node.isArray()) {
            node.forEach(item -> collect(item, path + "[]", fields));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                fields.add(name);
                if (!MAPS.contains(field.getKey())) {
                    collect(field.getValue(), name, fields);
                }
            }
        }
    }
}
