package io.sentiflow.desk;

import io.sentiflow.connect.RawRecord;
import io.sentiflow.learner.FeedbackValidation;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.store.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns an analyst's correction from the page into the {@link LabeledText} the learner takes, or
 * refuses it with a reason for the page. A label is checked here first (who, which text, which class;
 * a new topic name must look like one) and then by the learner's own {@link FeedbackValidation}, so
 * the desk never sends what the learner would drop. Immutable and thread safe.
 */
final class LabelCheck {

    /** The sentiment classes a ScoredText carries, and the learner's sentiment head has. */
    static final List<String> SENTIMENTS = List.of("Bearish", "Bullish", "Neutral");
    static final int MAX_NAME = 80;
    static final String ANALYST_RULE = "say who you are: an analyst name of 1 to " + MAX_NAME
            + " characters, without control characters";
    /** A new topic's name: a letter or digit, then up to 59 of letters, digits, spaces and {@code &|/.,'()-}. */
    static final Pattern TOPIC_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} &|/.,'()-]{0,59}");

    /**
     * A correction as the page sends it.
     *
     * @param task SENTIMENT or TOPIC (any case)
     */
    record LabelRequest(String textId, String task, String label, String annotator) {}

    /** The outcome of the check. */
    sealed interface Result {}

    record Accepted(LabeledText label, boolean newTopic) implements Result {}

    record Refused(String message) implements Result {}

    private final RecordCodec<LabeledText> codec = RecordCodec.labeledTexts();
    private final FeedbackValidation learnerCheck = new FeedbackValidation(codec, SENTIMENTS);

    Result check(LabelRequest request, Optional<TextView> text, String topic, Instant now) {
        if (request == null || request.textId() == null) {
            return new Refused("no text named: pick an evidence or recent text to relabel");
        }
        if (text.isEmpty()) {
            return new Refused("text " + request.textId() + " is not on the desk any more; nothing was sent");
        }
        Optional<String> annotator = analyst(request.annotator());
        if (annotator.isEmpty()) {
            return new Refused(ANALYST_RULE);
        }
        Optional<Task> task = task(request.task());
        if (task.isEmpty()) {
            return new Refused("the task must be sentiment or topic, was '" + request.task() + "'");
        }
        String label = request.label() == null ? "" : request.label().strip();
        Optional<String> known = (task.get() == Task.SENTIMENT ? SENTIMENTS : text.get().topics()).stream()
                .filter(name -> name.equalsIgnoreCase(label)).findFirst();
        if (task.get() == Task.SENTIMENT && known.isEmpty()) {
            return new Refused("'" + label + "' is not a sentiment; pick one of " + SENTIMENTS);
        }
        if (known.isEmpty() && (!TOPIC_NAME.matcher(label).matches() || label.matches("\\d+"))) {
            return new Refused("'" + label + "' is neither a topic of version " + text.get().modelVersion()
                    + " nor a new topic name (a letter or digit, then up to 59 letters, digits, spaces or &|/.,'()-;"
                    + " not a number)");
        }
        String name = known.orElse(label);
        LabeledText labeled = new LabeledText(id(request.textId(), task.get(), name, annotator.get()),
                text.get().text(), task.get(), name, annotator.get(), now);
        if (judge(labeled, topic, now) instanceof FeedbackValidation.Refused refused) {
            return new Refused("the learner would refuse this label (" + refused.letter().reason() + "); nothing was sent");
        }
        return new Accepted(labeled, known.isEmpty());
    }

    /** The analyst's name as given, stripped, if it is one. */
    static Optional<String> analyst(String name) {
        String stripped = name == null ? "" : name.strip();
        boolean fine = !stripped.isEmpty() && stripped.length() <= MAX_NAME
                && stripped.codePoints().noneMatch(Character::isISOControl);
        return fine ? Optional.of(stripped) : Optional.empty();
    }

    private static Optional<Task> task(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Task.valueOf(name.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private FeedbackValidation.Outcome judge(LabeledText label, String topic, Instant now) {
        byte[] value = codec.encode(label, WireFormat.AVRO);
        return learnerCheck.validate(new RawRecord(topic, 0, 0, now.toEpochMilli(), null, value));
    }

    /** The same correction by the same analyst has the same id, so sending it twice counts once. */
    private static String id(String textId, Task task, String label, String annotator) {
        String content = textId + '\u0000' + task + '\u0000' + label + '\u0000' + annotator;
        return "desk-" + Sha256.of(content.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
    }
}
