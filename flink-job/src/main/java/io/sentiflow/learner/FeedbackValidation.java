package io.sentiflow.learner;

import io.sentiflow.connect.DeadLetter;
import io.sentiflow.connect.RawRecord;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.List;
import java.util.Objects;

/**
 * Decides what becomes of one raw {@code feedback.labels} record: a {@link LabeledText} to learn
 * from, or a {@link DeadLetter} that says why not. Never throws on any input. A topic label the
 * model does not know is valid (it proposes a new topic); a sentiment label must be one of the
 * model's classes, and a label must be a name, not an id (ids are resolved by the sender, since
 * topic ids shift when topics are added). Immutable and thread-safe.
 */
public final class FeedbackValidation {

    /** Stable codes of refused feedback, also the {@code reason} tag of {@code dlqRecords}. */
    public enum Failure { EMPTY_TEXT, EMPTY_LABEL, UNKNOWN_SENTIMENT_LABEL, NUMERIC_LABEL, UNEXPECTED_ERROR }

    private final RecordCodec<LabeledText> codec;
    private final List<String> sentimentLabels;

    public FeedbackValidation(RecordCodec<LabeledText> codec, List<String> sentimentLabels) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.sentimentLabels = List.copyOf(sentimentLabels);
    }

    /** The outcome for one record. */
    public sealed interface Outcome permits Valid, Refused {}

    /** The label is fit to learn from. */
    public record Valid(LabeledText label) implements Outcome {}

    /** The record goes to the dead-letter topic. */
    public record Refused(DeadLetter letter) implements Outcome {}

    public Outcome validate(RawRecord raw) {
        try {
            return judge(raw);
        } catch (RuntimeException e) {
            // A defect must not fail the job and replay the record after every restart.
            return refuse(raw, Failure.UNEXPECTED_ERROR.name(), "validation failed: " + e);
        }
    }

    private Outcome judge(RawRecord raw) {
        Decoded<LabeledText> decoded = codec.decode(raw.value());
        if (decoded instanceof Decoded.Rejected<LabeledText> rejected) {
            return refuse(raw, rejected.failure().name(), rejected.message());
        }
        LabeledText label = ((Decoded.Ok<LabeledText>) decoded).value();
        String name = label.getLabel().strip();
        if (label.getText().isBlank()) {
            return refuse(raw, Failure.EMPTY_TEXT.name(), "label " + label.getId() + " has an empty text");
        }
        if (name.isEmpty()) {
            return refuse(raw, Failure.EMPTY_LABEL.name(), "label " + label.getId() + " has an empty label");
        }
        if (name.matches("\\d+")) {
            return refuse(raw, Failure.NUMERIC_LABEL.name(), "label " + label.getId() + " is the id '" + name
                    + "', not a name; senders resolve ids to names (sentiflow feedback does)");
        }
        if (label.getTask() == Task.SENTIMENT) {
            String known = sentimentLabels.stream().filter(s -> s.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (known == null) {
                return refuse(raw, Failure.UNKNOWN_SENTIMENT_LABEL.name(), "label " + label.getId() + " names '"
                        + name + "', not a sentiment class of " + sentimentLabels);
            }
            label.setLabel(known);
        } else {
            label.setLabel(name);
        }
        return new Valid(label);
    }

    private static Refused refuse(RawRecord raw, String errorClass, String reason) {
        return new Refused(new DeadLetter(raw, errorClass, reason));
    }
}
