package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.SentimentAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every topic record's schema against every version of it ever released ({@link ReleasedSchemas}). What is
 * promised, for every record: full transitive compatibility, so the current schema reads data written with any
 * release and every release reads data written with the current schema (old consumers keep working while
 * producers upgrade, and the reverse); and every enum has a default, so that a symbol added later reads as that
 * default in a reader that does not know it, instead of failing it.
 *
 * <p>Changing a schema therefore means: add it as the next {@code released/} version (the first test fails until
 * then), and when its fingerprint changes, move the old file to {@code io/sentiflow/schema/history/} so the codec
 * still decodes its payloads.
 */
class SchemaCompatibilityTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Schema> currentSchemas() {
        return SchemaCatalog.TOPIC_RECORDS.stream().map(SchemaCompatibilityTest::current);
    }

    static Stream<Arguments> releases() {
        List<Arguments> pairs = new ArrayList<>();
        for (Class<? extends SpecificRecord> type : SchemaCatalog.TOPIC_RECORDS) {
            List<Schema> releases = ReleasedSchemas.of(current(type));
            for (int version = 0; version < releases.size(); version++) {
                pairs.add(Arguments.of(type.getSimpleName() + "-v" + version, type, releases.get(version)));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void theCurrentSchemaIsItsNewestReleaseDocsAside(Schema current) {
        List<Schema> releases = ReleasedSchemas.of(current);
        Schema published = SchemaCatalog.all().stream()
                .filter(schema -> schema.isCurrent() && schema.recordName().equals(current.getFullName()))
                .findFirst().orElseThrow().schema();

        assertThat(withoutDocs(published)).as("%s changed since %s: add it as %s", current.getName(),
                        ReleasedSchemas.path(current, releases.size() - 1), ReleasedSchemas.path(current, releases.size()))
                .isEqualTo(withoutDocs(releases.get(releases.size() - 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void theCurrentSchemaReadsEveryReleaseAndEveryReleaseReadsIt(String name, Class<? extends SpecificRecord> type,
            Schema release) {
        assertReads(current(type), release);
        assertReads(release, current(type));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void payloadsOfEveryReleaseResolveInTheCodec(String name, Class<? extends SpecificRecord> type, Schema release) {
        assertThat(SchemaCatalog.of(type)).extracting(PublishedSchema::fingerprint)
                .as("%s's fingerprint is neither the current one nor in io/sentiflow/schema/history/", name)
                .contains(SchemaNormalization.parsingFingerprint64(release));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void everyEnumReadsASymbolAddedLaterAsItsDefault(Schema current) {
        assertReads(current, EnumSymbols.withAddedSymbol(current, "ADDED_LATER"));
    }

    @Test
    void removingAnEnumDefaultFailsTheCompatibilityCheck() {
        Schema careless = EnumSymbols.withoutDefault(SentimentAlert.getClassSchema(), "AlertState");
        assertThat(careless.getField("state").schema().getEnumDefault()).isNull();

        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(careless,
                EnumSymbols.withAddedSymbol(careless, "ADDED_LATER"));

        assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
        assertThat(result.getResult().getIncompatibilities()).singleElement()
                .satisfies(problem -> assertThat(problem.getLocation())
                        .isEqualTo("/fields/" + careless.getField("state").pos() + "/type/symbols"));
    }

    /** Deployed readers know only the fingerprint of v0, so v1 had to keep it: a default is not part of it. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {SentimentAlert.class, LabeledText.class, LearnerCommand.class})
    void theReleaseThatAddedEnumDefaultsKeptTheFingerprint(Class<? extends SpecificRecord> type) {
        List<Schema> releases = ReleasedSchemas.of(current(type));
        assertThat(releases).hasSize(2);

        assertThat(SchemaNormalization.parsingFingerprint64(releases.get(1)))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(releases.get(0)));
    }

    private static Schema current(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    private static void assertReads(Schema reader, Schema writer) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    /** The schema as JSON without its "doc" attributes, which change nothing it reads or writes. */
    private static JsonNode withoutDocs(Schema schema) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            strip(tree);
            return tree;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("doc");
        }
        node.forEach(SchemaCompatibilityTest::strip);
    }
}
