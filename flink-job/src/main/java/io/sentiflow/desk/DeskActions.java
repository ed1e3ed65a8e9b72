package io.sentiflow.desk;

import io.sentiflow.schema.AlertVerdict;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Verdict;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * What an analyst does on the page: relabel a text ({@link LabeledText} to the learner's feedback topic,
 * with who and when) and judge an alert ({@link AlertVerdict} to the verdicts topic, keyed by alert and
 * analyst). Each request is checked first; a malformed one is refused and never sent. Thread safe.
 */
final class DeskActions {

    /** A verdict as the page sends it: USEFUL or NOISE (any case). */
    record VerdictRequest(String alertId, String verdict, String analyst) {}

    private final DeskState state;
    private final DeskSender sender;
    private final DeskTopics topics;
    private final LabelCheck labels = new LabelCheck();
    private final Clock clock;

    DeskActions(DeskState state, DeskSender sender, DeskTopics topics, Clock clock) {
        this.state = state;
        this.sender = sender;
        this.topics = topics;
        this.clock = clock;
    }

    Submission relabel(LabelCheck.LabelRequest request) {
        Optional<TextView> text = request == null || request.textId() == null
                ? Optional.empty() : state.text(request.textId());
        LabelCheck.Result result = labels.check(request, text, topics.feedback(), clock.instant());
        if (result instanceof LabelCheck.Refused refused) {
            return new Submission.Refused(refused.message());
        }
        LabelCheck.Accepted accepted = (LabelCheck.Accepted) result;
        LabeledText label = accepted.label();
        Submission sent = sender.send(topics.feedback(), label.getId(),
                RecordCodec.labeledTexts().encode(label, WireFormat.AVRO), "label", label.getId());
        if (sent instanceof Submission.Sent && accepted.newTopic()) {
            return new Submission.Sent(sent.message() + "; '" + label.getLabel() + "' proposes a new topic (the learner"
                    + " adds it once enough labels name it)", label.getId());
        }
        return sent;
    }

    Submission judge(VerdictRequest request) {
        Optional<Episode> episode = request == null || request.alertId() == null
                ? Optional.empty() : state.episode(request.alertId());
        if (episode.isEmpty()) {
            return new Submission.Refused("no such alert on the desk; nothing was sent");
        }
        Optional<String> analyst = LabelCheck.analyst(request.analyst());
        if (analyst.isEmpty()) {
            return new Submission.Refused(LabelCheck.ANALYST_RULE);
        }
        Optional<Verdict> verdict = verdict(request.verdict());
        if (verdict.isEmpty()) {
            return new Submission.Refused("a verdict is useful or noise, was '" + request.verdict() + "'");
        }
        AlertVerdict record = new AlertVerdict(request.alertId(), KeyKind.valueOf(episode.get().kind()),
                episode.get().key(), verdict.get(), analyst.get(), clock.instant());
        String key = VerdictLog.key(record.getAlertId(), record.getAnalyst());
        return sender.send(topics.verdicts(), key, RecordCodec.alertVerdicts().encode(record, WireFormat.AVRO),
                "verdict", key);
    }

    private static Optional<Verdict> verdict(String name) {
        for (Verdict verdict : Verdict.values()) {
            if (name != null && verdict.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(verdict);
            }
        }
        return Optional.empty();
    }
}
