package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.TextEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON forms hand-written producers send are accepted as long as they fit the schema. */
class RecordCodecJsonTest {

    private final RecordCodec<TextEvent> codec = RecordCodec.textEvents();

    @Test
    void acceptsByteOrderMarkAndLeadingWhitespace() {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        payload.writeBytes(utf8(" \n\t" + codec.toJson(Samples.textEvent()) + "\n"));

        assertThat(codec.decode(payload.toByteArray())).isEqualTo(new Decoded.Ok<>(Samples.textEvent(), WireFormat.JSON));
    }

    @Test
    void missingOptionalFieldsTakeTheirDefaults() {
        Decoded<TextEvent> decoded = codec.decode(utf8(
                "{\"id\":\"evt-2\",\"source\":\"forum\",\"text\":\"Is TSLA a sell?\",\"publishedAt\":0}"));

        assertThat(decoded).isEqualTo(new Decoded.Ok<>(Samples.minimalTextEvent(), WireFormat.JSON));
    }

    @Test
    void explicitNullsFillNullableFields() {
        Decoded<TextEvent> decoded = codec.decode(utf8("{\"id\":\"evt-2\",\"source\":\"forum\",\"text\":\"Is TSLA a sell?\","
                + "\"publishedAt\":0,\"lang\":null,\"entities\":null,\"attributes\":null}"));

        assertThat(decoded).isEqualTo(new Decoded.Ok<>(Samples.minimalTextEvent(), WireFormat.JSON));
    }

    @Test
    void acceptsIso8601TimestampsWithZoneOrOffset() {
        String utc = "{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":\"2024-05-01T13:45:00.123Z\"}";
        String offset = "{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":\"2024-05-01T15:45:00.123+02:00\"}";

        assertThat(publishedAt(codec.decode(utf8(utc)))).isEqualTo(Samples.PUBLISHED);
        assertThat(publishedAt(codec.decode(utf8(offset)))).isEqualTo(Samples.PUBLISHED);
    }

    @Test
    void acceptsWholeNumbersForFloatingFields() {
        String json = RecordCodec.modelUpdates().toJson(Samples.modelUpdate(null))
                .replaceFirst("\"topicAccuracy\":[0-9.]+", "\"topicAccuracy\":1");

        Decoded<ModelUpdate> decoded = RecordCodec.modelUpdates().decode(utf8(json));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Ok.class,
                ok -> assertThat(((ModelUpdate) ok.value()).getMetrics()).containsEntry("topicAccuracy", 1.0));
    }

    @Test
    void keepsUnicodeEscapesAndNonAsciiText() {
        Decoded<TextEvent> decoded = codec.decode(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"caf\\u00e9 \u20ac 📈\","
                + "\"publishedAt\":1,\"entities\":[\"SAP.DE\"]}"));

        assertThat(decoded).isInstanceOfSatisfying(Decoded.Ok.class, ok -> {
            TextEvent event = (TextEvent) ok.value();
            assertThat(event.getText()).isEqualTo("café € 📈");
            assertThat(event.getEntities()).isEqualTo(List.of("SAP.DE"));
        });
    }

    private static Instant publishedAt(Decoded<TextEvent> decoded) {
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<TextEvent>) decoded).value().getPublishedAt();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
