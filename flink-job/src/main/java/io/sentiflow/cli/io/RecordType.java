package io.sentiflow.cli.io;

import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.schema.codec.RecordCodec;
import java.util.Optional;
import java.util.function.Supplier;

/** What the values of a topic are, so {@code sentiflow consume} can decode them. */
public enum RecordType {
    TEXT_EVENT(RecordCodec::textEvents),
    SCORED_TEXT(RecordCodec::scoredTexts),
    SENTIMENT_ALERT(RecordCodec::sentimentAlerts),
    MODEL_UPDATE(RecordCodec::modelUpdates),
    LABELED_TEXT(RecordCodec::labeledTexts),
    LEARNER_COMMAND(RecordCodec::learnerCommands),
    WINDOW_STATISTICS(RecordCodec::windowStatistics),
    ALERT_VERDICT(RecordCodec::alertVerdicts),
    /** Dead letters: any bytes, described by their headers. */
    DEAD_LETTER(null);

    private final Supplier<RecordCodec<?>> codec;

    RecordType(Supplier<RecordCodec<?>> codec) {
        this.codec = codec;
    }

    /** The codec of this type; empty for dead letters, which are shown raw. */
    public Optional<RecordCodec<?>> codec() {
        return codec == null ? Optional.empty() : Optional.of(codec.get());
    }

    /** The type of a project topic by its default name: news.raw holds TextEvents, and so on. */
    public static Optional<RecordType> forTopic(String topic) {
        return TopicRole.byDefaultName(topic).map(role -> switch (role) {
            case NEWS_RAW -> TEXT_EVENT;
            case NEWS_SCORED -> SCORED_TEXT;
            case NEWS_DLQ -> DEAD_LETTER;
            case ALERTS -> SENTIMENT_ALERT;
            case MODEL_UPDATES -> MODEL_UPDATE;
            case FEEDBACK_LABELS -> LABELED_TEXT;
            case LEARNER_CONTROL -> LEARNER_COMMAND;
            case WINDOW_STATS -> WINDOW_STATISTICS;
            case ALERT_VERDICTS -> ALERT_VERDICT;
        });
    }
}
