package io.sentiflow.ingest;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides what becomes of one raw {@code news.raw} record: a {@link ValidText} to score, or a
 * {@link DeadLetter} that says why not. Never throws on any input. Thread-safe if the codec is.
 *
 * <p>Texts longer than the model's token limit pass: the tokenizer truncates them for the model.
 * A {@code publishedAt} outside the plausible window is refused: dated ahead of the record's own
 * Kafka timestamp (or of the clock, if that is earlier) by more than {@code max-future}, or behind
 * the clock by more than {@code max-past}. Judging the future against the Kafka timestamp, which
 * travels with the record, gives a replay the verdicts the live run gave.
 */
public final class TextValidation {

    private final RecordCodec<TextEvent> codec;
    private final IngestConfig config;

    public TextValidation(RecordCodec<TextEvent> codec, IngestConfig config) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The outcome for one record, judged at processing time {@code nowMillis}. */
    public IngestedRecord validate(RawRecord raw, long nowMillis) {
        try {
            return judge(raw, nowMillis);
        } catch (RuntimeException e) {
            // A defect in decoding must not fail the job (and replay the record forever after each
            // restart); the record is kept in the dead-letter topic with the error instead.
            return refuse(raw, "UNEXPECTED_ERROR", "validation failed: " + e);
        }
    }

    private IngestedRecord judge(RawRecord raw, long nowMillis) {
        // Checked before decoding so an oversized payload costs no decoding work.
        if (raw.sizeInBytes() > config.maxRecordBytes()) {
            return refuse(raw, ValidationFailure.RECORD_TOO_LARGE.name(), "record of " + raw.sizeInBytes()
                    + " bytes exceeds the limit of " + config.maxRecordBytes() + " bytes");
        }
        Decoded<TextEvent> decoded = codec.decode(raw.value());
        if (decoded instanceof Decoded.Rejected<TextEvent> rejected) {
            return refuse(raw, rejected.failure().name(), rejected.message());
        }
        TextEvent event = ((Decoded.Ok<TextEvent>) decoded).value();
        if (!hasVisibleCharacter(event.getText())) {
            return refuse(raw, ValidationFailure.EMPTY_TEXT.name(), "text of event " + event.getId()
                    + " is empty or whitespace only (or holds only invisible or control characters)");
        }
        long publishedAt = event.getPublishedAt().toEpochMilli();
        String implausible = implausibility(publishedAt, raw.timestamp(), nowMillis);
        if (implausible != null) {
            return refuse(raw, ValidationFailure.IMPLAUSIBLE_TIMESTAMP.name(),
                    "publishedAt " + event.getPublishedAt() + " of event " + event.getId() + " " + implausible);
        }
        return IngestedRecord.valid(new ValidText(
                event.getId(),
                event.getSource(),
                event.getText(),
                publishedAt,
                Cashtags.mergeWithEntities(event.getEntities(), event.getText()),
                raw));
    }

    /** Why {@code publishedAt} is implausible, or null when it is not. */
    private String implausibility(long publishedAt, long kafkaTimestamp, long nowMillis) {
        // A Kafka timestamp that is itself implausible (missing, epoch zero) says nothing.
        boolean kafkaEarlier = kafkaTimestamp < nowMillis && nowMillis - kafkaTimestamp <= config.maxPast().toMillis();
        long reference = kafkaEarlier ? kafkaTimestamp : nowMillis;
        long maxFuture = config.maxFuture().toMillis();
        if (publishedAt - reference > maxFuture) {
            return "lies " + Duration.ofMillis(publishedAt - reference) + " ahead of "
                    + (kafkaEarlier ? "its Kafka timestamp " : "the job's clock ") + Instant.ofEpochMilli(reference)
                    + " (a wrong producer clock?); " + IngestOptions.MAX_FUTURE.key() + " allows " + config.maxFuture();
        }
        if (nowMillis - publishedAt > config.maxPast().toMillis()) {
            return "lies " + Duration.ofMillis(nowMillis - publishedAt).toDays() + " days behind the job's clock "
                    + Instant.ofEpochMilli(nowMillis) + "; " + IngestOptions.MAX_PAST.key() + " allows "
                    + config.maxPast().toDays() + " days";
        }
        return null;
    }

    /**
     * String.isBlank misses no-break spaces and zero-width characters: a text of only those has
     * nothing to score and would give the model's prior, so it counts as empty.
     */
    static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.CONTROL);
    }

    private static IngestedRecord refuse(RawRecord raw, String errorClass, String reason) {
        return IngestedRecord.refused(new DeadLetter(raw, errorClass, reason));
    }
}
