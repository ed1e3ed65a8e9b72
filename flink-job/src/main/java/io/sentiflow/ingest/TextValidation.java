package io.sentiflow.ingest;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.Objects;

/**
 * Decides what becomes of one raw {@code news.raw} record: a {@link ValidText} to score, or a
 * {@link DeadLetter} that says why not. Never throws on any input. Thread-safe if the codec is.
 *
 * <p>Texts longer than the model's token limit pass: the tokenizer truncates them for the model.
 */
public final class TextValidation {

    private final RecordCodec<TextEvent> codec;
    private final long maxRecordBytes;

    public TextValidation(RecordCodec<TextEvent> codec, long maxRecordBytes) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.maxRecordBytes = maxRecordBytes;
    }

    /** The outcome for one record. */
    public sealed interface Outcome permits Valid, Refused {}

    /** The record is fit to score. */
    public record Valid(ValidText text) implements Outcome {}

    /** The record goes to the dead-letter topic. */
    public record Refused(DeadLetter letter) implements Outcome {}

    public Outcome validate(RawRecord raw) {
        try {
            return judge(raw);
        } catch (RuntimeException e) {
            // A defect in decoding must not fail the job (and replay the record forever after each
            // restart); the record is kept in the dead-letter topic with the error instead.
            return refuse(raw, "UNEXPECTED_ERROR", "validation failed: " + e);
        }
    }

    private Outcome judge(RawRecord raw) {
        // Checked before decoding so an oversized payload costs no decoding work.
        if (raw.sizeInBytes() > maxRecordBytes) {
            return refuse(raw, ValidationFailure.RECORD_TOO_LARGE.name(), "record of "
                    + raw.sizeInBytes() + " bytes exceeds the limit of " + maxRecordBytes + " bytes");
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
        return new Valid(new ValidText(
                event.getId(),
                event.getSource(),
                event.getText(),
                event.getPublishedAt().toEpochMilli(),
                Cashtags.mergeWithEntities(event.getEntities(), event.getText())));
    }

    /**
     * String.isBlank misses no-break spaces and zero-width characters: a text of only those has
     * nothing to score and would give the model's prior, so it counts as empty.
     */
    static boolean hasVisibleCharacter(String text) {
        return text.codePoints().anyMatch(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp)
                && Character.getType(cp) != Character.FORMAT && Character.getType(cp) != Character.CONTROL);
    }

    private static Refused refuse(RawRecord raw, String errorClass, String reason) {
        return new Refused(new DeadLetter(raw, errorClass, reason));
    }
}
