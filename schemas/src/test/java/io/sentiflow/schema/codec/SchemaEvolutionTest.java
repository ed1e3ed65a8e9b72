package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.AlertState;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the codec lives with schema evolution: payloads of older writer schemas from
 * {@code src/main/resources/io/sentiflow/schema/history/}, newer writers once their schema is registered, JSON with
 * fields it does not know. {@link SchemaCompatibilityTest} holds every schema against its released versions.
 */
class SchemaEvolutionTest {

    static Stream<Schema> currentSchemas() {
        return SchemaCompatibilityTest.currentSchemas();
    }

    @Test
    void addingAnOptionalFieldWithDefaultStaysReadableBothWays() {
        Schema current = TextEvent.getClassSchema();
        Schema evolved = resource("evolved/TextEvent.avsc");
        assertThat(evolved.getField("region")).isNotNull();

        assertCompatible(evolved, current);
        assertCompatible(current, evolved);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void anOptionalFieldWithDefaultAddedToAnyRecordStaysReadableBothWays(Schema current) {
        Schema evolved = withOptionalField(current, "addedLater");

        assertCompatible(evolved, current);
        assertCompatible(current, evolved);
    }

    @Test
    void currentReaderDecodesBytesOfTheV0WriterSchemaFromHistory() throws IOException {
        Schema v0 = resource("io/sentiflow/schema/history/TextEvent-v0.avsc");
        assertThat(v0.getField("attributes")).isNull();
        GenericRecord old = new GenericData.Record(v0);
        old.put("id", "old-1");
        old.put("source", "newswire");
        old.put("text", "Written by a producer that never heard of attributes");
        old.put("publishedAt", Samples.PUBLISHED.toEpochMilli());
        old.put("lang", "en");
        old.put("entities", List.of("MSFT"));
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v0).encode(old));

        Decoded<TextEvent> decoded = RecordCodec.textEvents().decode(bytes);

        TextEvent expected = TextEvent.newBuilder().setId("old-1").setSource("newswire")
                .setText("Written by a producer that never heard of attributes").setPublishedAt(Samples.PUBLISHED)
                .setLang("en").setEntities(List.of("MSFT")).build();
        assertThat(decoded).isEqualTo(new Decoded.Ok<>(expected, WireFormat.AVRO));
        assertThat(SchemaNormalization.parsingFingerprint64(v0))
                .isNotEqualTo(SchemaNormalization.parsingFingerprint64(TextEvent.getClassSchema()));
    }

    @Test
    void readerThatKnowsOnlyTheCurrentSchemaReadsANewerWriterOnceItsSchemaIsRegistered() throws IOException {
        Schema evolved = resource("evolved/TextEvent.avsc");
        GenericRecord newer = new GenericData.Record(evolved);
        TextEvent event = Samples.textEvent();
        for (Schema.Field field : TextEvent.getClassSchema().getFields()) {
            newer.put(field.name(), field.name().equals("publishedAt") ? Samples.PUBLISHED.toEpochMilli() : event.get(field.pos()));
        }
        newer.put("region", "US");
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), evolved).encode(newer));

        // Until the newer schema is deployed to readers, its payloads are refused with a reason, not misread.
        assertThat(RecordCodec.textEvents().decode(bytes)).isInstanceOfSatisfying(Decoded.Rejected.class,
                r -> assertThat(r.failure()).isEqualTo(DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT));
        BinaryMessageDecoder<TextEvent> oldReader =
                new BinaryMessageDecoder<>(SpecificData.getForClass(TextEvent.class), TextEvent.getClassSchema());
        oldReader.addSchema(evolved);
        assertThat(oldReader.decode(bytes)).isEqualTo(event);
    }

    @Test
    void aStateAddedLaterByANewerWriterReadsAsTheEnumDefault() throws IOException {
        Schema newer = EnumSymbols.withAddedSymbol(SentimentAlert.getClassSchema(), "ESCALATED");
        BinaryMessageDecoder<GenericRecord> newWriter = new BinaryMessageDecoder<>(GenericData.get(), newer);
        newWriter.addSchema(SentimentAlert.getClassSchema());
        GenericRecord alert = newWriter.decode(RecordCodec.sentimentAlerts().encode(Samples.sentimentAlert(), WireFormat.AVRO));
        alert.put("state", new GenericData.EnumSymbol(newer.getField("state").schema(), "ESCALATED"));
        byte[] bytes = bytes(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), newer).encode(alert));
        BinaryMessageDecoder<SentimentAlert> oldReader = new BinaryMessageDecoder<>(
                SpecificData.getForClass(SentimentAlert.class), SentimentAlert.getClassSchema());
        oldReader.addSchema(newer);

        assertThat(oldReader.decode(bytes).getState()).isEqualTo(AlertState.FIRING);
    }

    @Test
    void jsonOfANewerProducerWithAnExtraFieldDecodesIgnoringIt() {
        RecordCodec<TextEvent> codec = RecordCodec.textEvents();
        String json = codec.toJson(Samples.textEvent()).replaceFirst("\\{", "{\"region\":\"US\",");

        assertThat(codec.decode(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(new Decoded.Ok<>(Samples.textEvent(), WireFormat.JSON));
    }

    @Test
    void historyHoldsTheV0TextEventOnly() {
        ClassLoader loader = getClass().getClassLoader();

        assertThat(SchemaHistory.olderWriterSchemas(TextEvent.getClassSchema(), loader))
                .extracting(s -> s.getField("attributes") == null).containsExactly(true);
        assertThat(SchemaHistory.olderWriterSchemas(ScoredText.getClassSchema(), loader)).isEmpty();
    }

    private static void assertCompatible(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    private static Schema withOptionalField(Schema schema, String name) {
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            fields.add(new Schema.Field(field, field.schema()));
        }
        Schema optionalString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
        fields.add(new Schema.Field(name, optionalString, "added later", Schema.Field.NULL_DEFAULT_VALUE));
        Schema evolved = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
        assertThat(evolved.getFields()).hasSize(schema.getFields().size() + 1);
        return evolved;
    }

    private static Schema resource(String path) {
        try (InputStream in = SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
