package io.sentiflow.deploy.topics;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The part each Sentiflow topic plays, with its default name and partition count. A role's
 * default name also identifies it on the command line ({@code --partitions news.raw=8}).
 */
public enum TopicRole {
    /** Input texts from producers (TextEvent, Avro or JSON). */
    NEWS_RAW("news.raw", 4),
    /** Scored texts (ScoredText). */
    NEWS_SCORED("news.scored", 4),
    /**
     * Records that could not be processed, with their coordinates and the reason in headers. Its
     * message limit lies above the raw topic's (the broker's 1 MiB default), so a record near that
     * limit still fits with its headers; the jobs' {@code sentiflow.kafka.dlq-max-message-bytes}
     * default is the same 2 MiB.
     */
    NEWS_DLQ("news.dlq", 1, Map.of("max.message.bytes", Integer.toString(2 * 1024 * 1024))),
    /** Sentiment spike alerts (SentimentAlert). */
    ALERTS("alerts", 1),
    /** Model versions to swap in (ModelUpdate); compacted so the newest version per key survives. */
    MODEL_UPDATES("model.updates", 1, Map.of("cleanup.policy", "compact")),
    /** Human labels for the learner (LabeledText). */
    FEEDBACK_LABELS("feedback.labels", 1),
    /** Requests to the learner job such as TRAIN_NOW (LearnerCommand). */
    LEARNER_CONTROL("learner.control", 1),
    /**
     * Every closed window of every topic and entity as the spike detector judged it
     * (WindowStatistics), for charts. Kept by time, two days: the detector's state lives as long
     * ({@code sentiflow.alerts.state-ttl}), and a chart needs history, not only each key's last window.
     */
    WINDOW_STATS("window.stats", 1, Map.of("cleanup.policy", "delete", "retention.ms", "172800000")),
    /** Analysts' verdicts on alerts (AlertVerdict); compacted by alert and analyst, so each one's latest counts. */
    ALERT_VERDICTS("alerts.verdicts", 1, Map.of("cleanup.policy", "compact"));

    private final String defaultName;
    private final int defaultPartitions;
    private final Map<String, String> configs;

    TopicRole(String defaultName, int defaultPartitions) {
        this(defaultName, defaultPartitions, Map.of());
    }

    TopicRole(String defaultName, int defaultPartitions, Map<String, String> configs) {
        this.defaultName = defaultName;
        this.defaultPartitions = defaultPartitions;
        this.configs = configs;
    }

    public String defaultName() {
        return defaultName;
    }

    public TopicSpec defaultSpec() {
        return new TopicSpec(defaultName, defaultPartitions, configs);
    }

    /** The role whose default name is {@code name}. */
    public static Optional<TopicRole> byDefaultName(String name) {
        return Arrays.stream(values()).filter(role -> role.defaultName.equals(name)).findFirst();
    }
}
