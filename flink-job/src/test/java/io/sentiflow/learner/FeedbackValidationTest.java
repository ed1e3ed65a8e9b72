package io.sentiflow.learner;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedbackValidationTest {

    private final FeedbackValidation validation =
            new FeedbackValidation(RecordCodec.labeledTexts(), List.of("Bearish", "Bullish", "Neutral"));

    @Test
    void acceptsASentimentLabelInAnyCaseAsTheModelsName() {
        FeedbackValidation.Outcome outcome = validation.validate(raw(label(Task.SENTIMENT, "text", " bullish "), 3));

        assertThat(outcome).isInstanceOfSatisfying(FeedbackValidation.Valid.class,
                valid -> assertThat(valid.label().getLabel()).isEqualTo("Bullish"));
    }

    @Test
    void acceptsAnUnknownTopicNameAsANewTopic() {
        assertThat(validation.validate(raw(label(Task.TOPIC, "text", "Crypto Regulation"), 0)))
                .isInstanceOf(FeedbackValidation.Valid.class);
    }

    @Test
    void routesBadLabelsToTheDeadLetterTopicWithCoordinatesAndReason() {
        assertRefused(raw("garbage".getBytes(UTF_8), 1), "UNKNOWN_FORMAT");
        assertRefused(raw(label(Task.SENTIMENT, "  ", "Bullish"), 2), "EMPTY_TEXT");
        assertRefused(raw(label(Task.TOPIC, "text", " "), 3), "EMPTY_LABEL");
        assertRefused(raw(label(Task.TOPIC, "text", "7"), 4), "NUMERIC_LABEL");
        assertRefused(raw(label(Task.SENTIMENT, "text", "Sideways"), 5), "UNKNOWN_SENTIMENT_LABEL");
        assertRefused(raw(null, 6), "EMPTY_PAYLOAD");
    }

    private void assertRefused(RawRecord record, String errorClass) {
        assertThat(validation.validate(record)).isInstanceOfSatisfying(FeedbackValidation.Refused.class, refused -> {
            assertThat(refused.letter().errorClass()).isEqualTo(errorClass);
            assertThat(refused.letter().original()).isSameAs(record);
            assertThat(refused.letter().reason()).isNotBlank();
        });
    }

    private static byte[] label(Task task, String text, String label) {
        LabeledText record = LabeledText.newBuilder().setId("l1").setText(text).setTask(task).setLabel(label)
                .setLabeledAt(Instant.parse("2026-01-01T00:00:00Z")).build();
        return RecordCodec.labeledTexts().encode(record, WireFormat.AVRO);
    }

    private static RawRecord raw(byte[] value, long offset) {
        return new RawRecord("feedback.labels", 0, offset, 0L, null, value);
    }
}
