package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sentiflow.schema.AlertVerdict;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.WindowStatistics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordCodecRoundTripTest {

    static Stream<Arguments> casesInBothFormats() {
        return Samples.all().stream()
                .flatMap(c -> Stream.of(Arguments.of(c, WireFormat.AVRO), Arguments.of(c, WireFormat.JSON)));
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("casesInBothFormats")
    <T extends SpecificRecord> void decodesWhatItEncodes(Samples.Case<T> sample, WireFormat format) {
        byte[] bytes = sample.codec().encode(sample.record(), format);

        Decoded<T> decoded = sample.codec().decode(bytes);

        assertThat(decoded).isEqualTo(new Decoded.Ok<>(sample.record(), format));
    }

    @Test
    void avroPayloadStartsWithSingleObjectHeaderAndCurrentFingerprint() {
        RecordCodec<TextEvent> codec = RecordCodec.textEvents();

        byte[] bytes = codec.encode(Samples.textEvent(), WireFormat.AVRO);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = org.apache.avro.SchemaNormalization.parsingFingerprint64(codec.schema());
        assertThat(Payloads.fingerprint(bytes)).isEqualTo(fingerprint);
    }

    @Test
    void toJsonWritesPlainFieldsEpochMillisAndNullsWithoutUnionWrappers() throws Exception {
        String json = RecordCodec.textEvents().toJson(Samples.textEvent());
        JsonNode node = new ObjectMapper().readTree(json);

        assertThat(node.get("id").textValue()).isEqualTo("evt-1");
        assertThat(node.get("publishedAt").isIntegralNumber()).isTrue();
        assertThat(node.get("publishedAt").longValue()).isEqualTo(Samples.PUBLISHED.toEpochMilli());
        assertThat(node.get("lang").textValue()).isEqualTo("en");
        assertThat(node.get("entities").get(1).textValue()).isEqualTo("BRK.B");
        assertThat(node.get("attributes").get("feed").textValue()).isEqualTo("reuters");

        JsonNode minimal = new ObjectMapper().readTree(RecordCodec.textEvents().toJson(Samples.minimalTextEvent()));
        assertThat(minimal.get("lang").isNull()).isTrue();
        assertThat(minimal.get("entities").isNull()).isTrue();
    }

    @Test
    void toJsonWritesEnumsByNameAndNestedRecordsAsObjects() throws Exception {
        JsonNode alert = new ObjectMapper().readTree(RecordCodec.sentimentAlerts().toJson(Samples.sentimentAlert()));

        assertThat(alert.get("keyKind").textValue()).isEqualTo("ENTITY");
        assertThat(alert.get("severity").textValue()).isEqualTo("CRITICAL");
        assertThat(alert.get("evidence").get(0).get("score").floatValue()).isEqualTo(0.97f);
        assertThat(alert.get("windowEnd").longValue()).isEqualTo(Samples.PUBLISHED.plusSeconds(300).toEpochMilli());
    }

    @Test
    void jsonPayloadIsTheUtf8OfToJson() {
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();

        byte[] bytes = codec.encode(Samples.scoredText(), WireFormat.JSON);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(codec.toJson(Samples.scoredText()));
    }

    @Test
    void nonFiniteDoublesRoundTripThroughJson() {
        SentimentAlert alert = Samples.sentimentAlert();
        alert.setZScore(Double.NEGATIVE_INFINITY);
        alert.setBaselineShare(Double.NaN);
        RecordCodec<SentimentAlert> codec = RecordCodec.sentimentAlerts();

        Decoded<SentimentAlert> decoded = codec.decode(codec.encode(alert, WireFormat.JSON));

        // Avro's record equality treats NaN as unequal to itself, so compare the fields.
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Ok.class, ok -> {
            SentimentAlert value = (SentimentAlert) ok.value();
            assertThat(value.getZScore()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(value.getBaselineShare()).isNaN();
            assertThat(value.getNegativeShare()).isEqualTo(0.81);
        });
    }

    @Test
    void encodeRefusesRecordWithNullRequiredField() {
        LabeledText label = Samples.labeledText("ana");
        label.setLabel(null);

        assertThatThrownBy(() -> RecordCodec.labeledTexts().encode(label, WireFormat.AVRO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordCodec.labeledTexts().encode(label, WireFormat.JSON))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field 'label' is null");
    }

    @Test
    void forTopicRecordPicksTheCodecOfEachTopicRecord() {
        for (Class<?> type : List.of(TextEvent.class, ScoredText.class, SentimentAlert.class, ModelUpdate.class,
                LabeledText.class, WindowStatistics.class, AlertVerdict.class)) {
            assertThat(RecordCodec.forTopicRecord(type).recordClass()).isEqualTo(type);
        }
        assertThatThrownBy(() -> RecordCodec.forTopicRecord(String.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneCodecDecodesFromManyThreadsAtOnce() {
        RecordCodec<TextEvent> codec = RecordCodec.textEvents();
        byte[] avro = codec.encode(Samples.textEvent(), WireFormat.AVRO);
        byte[] json = codec.encode(Samples.textEvent(), WireFormat.JSON);

        List<Decoded<TextEvent>> results = Stream.iterate(0, i -> i + 1).limit(2_000).parallel()
                .map(i -> codec.decode(i % 2 == 0 ? avro : json))
                .toList();

        assertThat(results).allSatisfy(d -> assertThat(d)
                .isInstanceOfSatisfying(Decoded.Ok.class, ok -> assertThat(ok.value()).isEqualTo(Samples.textEvent())));
    }
}
