package io.sentiflow.schema.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kind of bad payload is rejected with its reason and a message that says what was expected. */
class RecordCodecRejectsTest {

    private final RecordCodec<TextEvent> codec = RecordCodec.textEvents();

    @Test
    void rejectsNullAndEmptyAndBlankPayloadsAsEmpty() {
        assertRejected(null, DecodeFailure.EMPTY_PAYLOAD, "payload is empty");
        assertRejected(new byte[0], DecodeFailure.EMPTY_PAYLOAD, "payload is empty");
        assertRejected(utf8(" \r\n\t"), DecodeFailure.EMPTY_PAYLOAD, "only whitespace");
    }

    @Test
    void rejectsGarbageNamingTheExpectedFormatsAndTheBytesSeen() {
        assertRejected(new byte[] {0x00, 0x01, 0x02, 0x03}, DecodeFailure.UNKNOWN_FORMAT,
                "expected Avro single-object encoding (bytes C3 01 + 8-byte schema fingerprint) or a UTF-8 JSON object,"
                        + " got bytes 0x00 0x01 0x02 0x03 (4 bytes)");
        assertRejected(utf8("hello"), DecodeFailure.UNKNOWN_FORMAT, "got bytes 0x68 0x65 0x6C 0x6C 0x6F");
        assertRejected(new byte[] {(byte) 0xC3}, DecodeFailure.UNKNOWN_FORMAT, "0xC3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\":\"1\"}]", "\"text\"", "42", "true", "null"})
    void rejectsJsonThatIsNotAnObject(String json) {
        assertRejected(utf8(json), DecodeFailure.UNKNOWN_FORMAT, "a UTF-8 JSON object, got bytes");
    }

    @Test
    void rejectsEveryTruncationOfAnAvroPayload() {
        byte[] full = codec.encode(Samples.textEvent(), WireFormat.AVRO);
        for (int length = 2; length < full.length; length++) {
            Decoded<TextEvent> decoded = codec.decode(Arrays.copyOf(full, length));
            assertThat(decoded).as("first %d of %d bytes", length, full.length)
                    .isInstanceOfSatisfying(Decoded.Rejected.class,
                            r -> assertThat(r.failure()).isEqualTo(DecodeFailure.MALFORMED_AVRO));
        }
        assertRejected(Arrays.copyOf(full, 6), DecodeFailure.MALFORMED_AVRO, "header is truncated");
    }

    @Test
    void rejectsTrailingBytesAfterTheAvroRecord() {
        byte[] full = codec.encode(Samples.minimalTextEvent(), WireFormat.AVRO);
        byte[] longer = Arrays.copyOf(full, full.length + 3);

        assertRejected(longer, DecodeFailure.MALFORMED_AVRO, "3 trailing bytes");
    }

    @Test
    void rejectsUnknownFingerprintNamingItInHex() {
        byte[] bytes = codec.encode(Samples.textEvent(), WireFormat.AVRO);
        for (int i = 2; i < 10; i++) {
            bytes[i] = (byte) (0x10 + i); // little-endian: byte 9 is the most significant
        }

        assertRejected(bytes, DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT, "fingerprint 0x1918171615141312");
    }

    @Test
    void rejectsAnotherTopicsRecordAsUnknownFingerprint() {
        byte[] scored = RecordCodec.scoredTexts().encode(Samples.scoredText(), WireFormat.AVRO);

        assertRejected(scored, DecodeFailure.UNKNOWN_SCHEMA_FINGERPRINT, "unknown writer schema fingerprint");
    }

    @Test
    void rejectsAvroStringLengthBeyondThePayloadWithoutAllocatingIt() {
        byte[] header = Arrays.copyOf(codec.encode(Samples.minimalTextEvent(), WireFormat.AVRO), 10);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header);
        bytes.writeBytes(new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}); // id: 2^31-1 bytes
        bytes.writeBytes(utf8("abc"));

        assertRejected(bytes.toByteArray(), DecodeFailure.MALFORMED_AVRO,
                "field 'id' declares 2147483647 bytes but only 3 remain");
    }

    @Test
    void rejectsOutOfRangeUnionBranchInAvro() {
        byte[] bytes = codec.encode(Samples.minimalTextEvent(), WireFormat.AVRO);
        bytes[bytes.length - 1] = 0x06; // attributes: branch 3 of ["null", map]

        assertRejected(bytes, DecodeFailure.MALFORMED_AVRO, "field 'attributes' has union branch 3");
    }

    @Test
    void rejectsInvalidUtf8InsideAnAvroString() {
        TextEvent event = Samples.minimalTextEvent();
        event.setText("a-b-c");
        byte[] bytes = codec.encode(event, WireFormat.AVRO);
        int at = indexOf(bytes, utf8("a-b-c")) + 2;
        bytes[at] = (byte) 0xFF;

        assertRejected(bytes, DecodeFailure.INVALID_UTF8, "field 'text' is not valid UTF-8 (byte 0xFF at offset 2");
    }

    @Test
    void rejectsInvalidUtf8InJsonNamingTheOffset() {
        byte[] json = utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"caf?\",\"publishedAt\":1}");
        int at = indexOf(json, utf8("?"));
        json[at] = (byte) 0xC3; // a lead byte followed by a quote: not UTF-8

        assertRejected(json, DecodeFailure.INVALID_UTF8, "JSON payload is not valid UTF-8: byte 0xC3 at offset " + at);
    }

    @Test
    void rejectsOverlongUtf8EncodingInJson() {
        byte[] json = utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"??\",\"publishedAt\":1}");
        int at = indexOf(json, utf8("??"));
        json[at] = (byte) 0xC0; // overlong encoding of '/'
        json[at + 1] = (byte) 0xAF;

        assertRejected(json, DecodeFailure.INVALID_UTF8, "not valid UTF-8");
    }

    @Test
    void rejectsJsonWithoutARequiredField() {
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"publishedAt\":1}"), DecodeFailure.MISSING_FIELD,
                "field 'text' is missing");
    }

    @Test
    void rejectsMissingFieldOfANestedRecord() {
        String json = RecordCodec.scoredTexts().toJson(Samples.scoredText()).replace("\"confidence\":", "\"conf\":");

        Decoded<ScoredText> decoded = RecordCodec.scoredTexts().decode(utf8(json));

        assertThat(decoded).isEqualTo(new Decoded.Rejected<>(DecodeFailure.MISSING_FIELD,
                "field 'topic.confidence' is missing"));
    }

    @Test
    void rejectsWrongTypedTimestampSayingWhatItMustBe() {
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":true}"),
                DecodeFailure.WRONG_FIELD_TYPE,
                "field 'publishedAt' must be epoch milliseconds or ISO-8601 with offset (e.g. 2024-05-01T13:45:00Z), got true");
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":\"yesterday\"}"),
                DecodeFailure.WRONG_FIELD_TYPE, "got \"yesterday\"");
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":1.5}"),
                DecodeFailure.WRONG_FIELD_TYPE, "field 'publishedAt' must be epoch milliseconds");
    }

    @Test
    void rejectsWrongTypedOrNullStrings() {
        assertRejected(utf8("{\"id\":42,\"source\":\"s\",\"text\":\"t\",\"publishedAt\":1}"),
                DecodeFailure.WRONG_FIELD_TYPE, "field 'id' must be a string, got 42");
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":null,\"publishedAt\":1}"),
                DecodeFailure.WRONG_FIELD_TYPE, "field 'text' must not be null, got null");
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":1,\"entities\":[\"A\",7]}"),
                DecodeFailure.WRONG_FIELD_TYPE, "field 'entities[1]' must be a string, got 7");
        assertRejected(utf8("{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":1,\"attributes\":[]}"),
                DecodeFailure.WRONG_FIELD_TYPE, "field 'attributes' must be a JSON object (a map), got []");
    }

    @Test
    void rejectsNumbersOutsideTheirAvroType() {
        RecordCodec<ScoredText> scored = RecordCodec.scoredTexts();
        String json = scored.toJson(Samples.scoredText());

        assertThat(scored.decode(utf8(json.replace("\"id\":3", "\"id\":3000000000"))))
                .isEqualTo(new Decoded.Rejected<>(DecodeFailure.WRONG_FIELD_TYPE, "field 'topic.id' must be an int"
                        + " (a whole number between -2147483648 and 2147483647), got 3000000000"));
        assertThat(scored.decode(utf8(json.replace("\"id\":3", "\"id\":3.5"))))
                .isInstanceOfSatisfying(Decoded.Rejected.class, r -> assertThat(r.message()).contains("got 3.5"));
        assertThat(scored.decode(utf8(json.replace("\"confidence\":0.7", "\"confidence\":1e40"))))
                .isInstanceOfSatisfying(Decoded.Rejected.class,
                        r -> assertThat(r.message()).startsWith("field 'topic.confidence' must be a float"));
    }

    @Test
    void rejectsUnknownEnumSymbolListingTheSymbols() {
        String json = RecordCodec.sentimentAlerts().toJson(Samples.sentimentAlert()).replace("\"ENTITY\"", "\"entity\"");

        assertThat(RecordCodec.sentimentAlerts().decode(utf8(json))).isEqualTo(new Decoded.Rejected<>(
                DecodeFailure.WRONG_FIELD_TYPE, "field 'keyKind' must be one of TOPIC, ENTITY (case-sensitive), got \"entity\""));
    }

    @Test
    void rejectsWrongTypedMapValueNamingTheKey() {
        String json = RecordCodec.modelUpdates().toJson(Samples.modelUpdate(null))
                .replaceFirst("\"topicAccuracy\":[0-9.]+", "\"topicAccuracy\":\"high\"");

        assertThat(RecordCodec.modelUpdates().decode(utf8(json))).isEqualTo(new Decoded.Rejected<>(
                DecodeFailure.WRONG_FIELD_TYPE, "field 'metrics[\"topicAccuracy\"]' must be a double"
                        + " (a number, or \"NaN\", \"Infinity\", \"-Infinity\"), got \"high\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"1\",\"source\":",
        "{\"id\":\"1\",\"id\":\"2\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":1}",
        "{\"id\":\"1\",\"source\":\"s\",\"text\":\"t\",\"publishedAt\":1} {}",
        "{id:\"1\"}"})
    void rejectsMalformedJson(String json) {
        assertRejected(utf8(json), DecodeFailure.MALFORMED_JSON, "payload is not valid JSON: ");
    }

    private void assertRejected(byte[] payload, DecodeFailure failure, String messagePart) {
        Decoded<TextEvent> decoded = codec.decode(payload);
        assertThat(decoded).isInstanceOfSatisfying(Decoded.Rejected.class, rejected -> {
            assertThat(rejected.failure()).isEqualTo(failure);
            assertThat(rejected.message()).contains(messagePart);
        });
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
