package io.sentiflow.ingest;

import static io.sentiflow.ingest.TestEvents.NOW;
import static io.sentiflow.ingest.TestEvents.PUBLISHED_AT;
import static io.sentiflow.ingest.TestEvents.avro;
import static io.sentiflow.ingest.TestEvents.event;
import static io.sentiflow.ingest.TestEvents.raw;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;

class TextValidationTest {

    private final TextValidation validation = new TextValidation(RecordCodec.textEvents(), config());

    private static IngestConfig config() {
        Configuration conf = new Configuration();
        conf.set(IngestOptions.MAX_RECORD_BYTES, MemorySize.parse("4096b"));
        return IngestConfig.fromConfiguration(conf);
    }

    @Test
    void acceptsAvroTextWithProducerEntitiesAndCashtagsMerged() {
        RawRecord raw = raw(0, avro(event("t1", "$AAPL and $BRK.B up", List.of("msft", "AAPL"))));

        assertThat(validation.validate(raw, NOW)).isEqualTo(IngestedRecord.valid(new ValidText(
                "t1", "newswire", "$AAPL and $BRK.B up", PUBLISHED_AT, List.of("MSFT", "AAPL", "BRK.B"), raw)));
    }

    @Test
    void acceptsJsonText() {
        byte[] json = RecordCodec.textEvents().encode(event("t2", "calm day", null), WireFormat.JSON);
        assertThat(validation.validate(raw(0, json), NOW).isValid()).isTrue();
    }

    @Test
    void acceptsTextLongerThanTheModelsTokenLimit() {
        String longText = "markets rally on earnings ".repeat(100);
        assertThat(validation.validate(raw(0, avro(event("t3", longText, null))), NOW).isValid()).isTrue();
    }

    @Test
    void routesTextDatedAheadOfItsKafkaTimestampToDlq() {
        long kafkaTimestamp = PUBLISHED_AT;
        long ahead = kafkaTimestamp + Duration.ofMinutes(1).toMillis() + 1;

        assertRefused(raw(11, avro(event("t10", "from the future", null, ahead)), kafkaTimestamp),
                "IMPLAUSIBLE_TIMESTAMP", "ahead of its Kafka timestamp");
        assertThat(validation.validate(raw(12, avro(event("t11", "just in", null, ahead - 1)), kafkaTimestamp), NOW)
                .isValid()).as("within max-future").isTrue();
    }

    @Test
    void judgesTheFutureAgainstTheClockWhenTheKafkaTimestampIsLaterOrMissing() {
        long year2099 = 4_070_908_800_000L;
        assertRefused(raw(13, avro(event("t12", "dated 2099", null, year2099)), year2099),
                "IMPLAUSIBLE_TIMESTAMP", "ahead of the job's clock");
        assertRefused(raw(14, avro(event("t13", "dated 2099", null, year2099)), -1L),
                "IMPLAUSIBLE_TIMESTAMP", "ahead of the job's clock");
        // A Kafka timestamp of epoch zero is itself a broken clock: the job's clock judges instead.
        assertThat(validation.validate(raw(15, avro(event("t14", "on time", null)), 0L), NOW).isValid()).isTrue();
    }

    @Test
    void routesTextDatedBeforeTheAllowedPastToDlq() {
        long year1999 = 915_148_800_000L;
        assertRefused(raw(16, avro(event("t15", "dated 1999", null, year1999))),
                "IMPLAUSIBLE_TIMESTAMP", "days behind the job's clock");
        long withinTenYears = NOW - Duration.ofDays(3649).toMillis();
        assertThat(validation.validate(raw(17, avro(event("t16", "old news", null, withinTenYears))), NOW)
                .isValid()).isTrue();
    }

    @Test
    void routesEmptyTextToDlqWithReason() {
        assertRefused(raw(5, avro(event("t4", "", null))), "EMPTY_TEXT", "t4");
    }

    @Test
    void routesWhitespaceOnlyTextToDlq() {
        assertRefused(raw(5, avro(event("t5", " \t\n ", null))), "EMPTY_TEXT", "empty or whitespace");
    }

    @Test
    void routesInvisibleOnlyTextToDlq() {
        assertRefused(raw(5, avro(event("t7", "\u200B\u00A0\uFEFF\u0000", null))), "EMPTY_TEXT", "invisible");
    }

    @Test
    void scoresTextWithInvisibleCharactersAroundVisibleOnes() {
        assertThat(TextValidation.hasVisibleCharacter("\u200BApple\u00A0rises")).isTrue();
        assertThat(TextValidation.hasVisibleCharacter("\uD83D\uDCC9")).isTrue();
    }

    @Test
    void routesOversizeRecordToDlqBeforeDecoding() {
        byte[] big = avro(event("t6", "x".repeat(5000), null));
        assertRefused(raw(6, big), "RECORD_TOO_LARGE", "exceeds the limit of 4096 bytes");
    }

    @Test
    void routesUndecodableBytesToDlq() {
        assertRefused(raw(7, new byte[] {0x01, 0x02, 0x03}), "UNKNOWN_FORMAT", "");
    }

    @Test
    void routesUnknownSchemaFingerprintToDlq() {
        byte[] bytes = avro(event("t8", "fine text", null));
        bytes[4] ^= 0x5A; // inside the 8-byte fingerprint that follows the C3 01 marker
        assertRefused(raw(8, bytes), "UNKNOWN_SCHEMA_FINGERPRINT", "");
    }

    @Test
    void routesInvalidUtf8ToDlq() {
        byte[] bytes = avro(event("t9", "ZZZZ", null));
        int at = indexOf(bytes, "ZZZZ".getBytes(UTF_8));
        bytes[at] = (byte) 0xFF;
        bytes[at + 1] = (byte) 0xFE;
        assertRefused(raw(9, bytes), "INVALID_UTF8", "");
    }

    @Test
    void routesNullValueToDlq() {
        assertRefused(raw(10, null), "EMPTY_PAYLOAD", "");
    }

    private void assertRefused(RawRecord raw, String errorClass, String reasonPart) {
        IngestedRecord outcome = validation.validate(raw, NOW);
        assertThat(outcome.isValid()).isFalse();
        DeadLetter letter = outcome.deadLetter();
        assertThat(letter.original()).isSameAs(raw);
        assertThat(letter.errorClass()).isEqualTo(errorClass);
        assertThat(letter.reason()).isNotBlank().contains(reasonPart);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("needle not found");
    }
}
