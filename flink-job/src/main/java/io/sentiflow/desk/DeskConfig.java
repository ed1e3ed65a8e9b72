package io.sentiflow.desk;

import io.sentiflow.alerts.AlertConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.scoring.ScoringOptions;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.configuration.ReadableConfig;

/**
 * Validated settings of the risk desk; keys in {@link DeskOptions}. Immutable.
 *
 * @param host address the web server binds
 * @param port its port, 0 for a free one
 * @param topics what it reads and writes
 * @param history how far back alerts, windows and verdicts are read, and how long windows are kept
 * @param textsLookback how far back scored texts and dead letters are read
 * @param maxTexts scored texts kept in memory
 * @param store the model store, for the versions whose attention the desk shows
 * @param windowSlide the detector's window slide: a key whose last window is more than a few slides
 *     behind the newest has gone quiet and leaves the ranking
 */
public record DeskConfig(String host, int port, DeskTopics topics, Duration history, Duration textsLookback,
        int maxTexts, String store, Duration windowSlide) {

    public DeskConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(store, "store");
        require(!host.isBlank(), DeskOptions.HOST.key(), host, "must not be blank");
        require(port >= 0 && port <= 65_535, DeskOptions.PORT.key(), port, "must be between 0 and 65535");
        require(history.toMinutes() >= 1, DeskOptions.HISTORY.key(), history, "must be at least 1 min");
        require(!textsLookback.isNegative(), DeskOptions.TEXTS_LOOKBACK.key(), textsLookback, "must not be negative");
        require(maxTexts >= 100, DeskOptions.MAX_TEXTS.key(), maxTexts, "must be at least 100");
    }

    public static DeskConfig fromConfiguration(ReadableConfig config) {
        DeskTopics topics = new DeskTopics(
                config.get(ScoringJobOptions.SCORED_TOPIC),
                config.get(ScoringJobOptions.DLQ_TOPIC),
                config.get(ScoringJobOptions.ALERTS_TOPIC),
                config.get(ScoringJobOptions.UPDATES_TOPIC),
                config.get(ScoringJobOptions.WINDOW_STATS_TOPIC),
                config.get(DeskOptions.VERDICTS_TOPIC),
                config.get(LearnerJobOptions.FEEDBACK_TOPIC));
        return new DeskConfig(config.get(DeskOptions.HOST), config.get(DeskOptions.PORT), topics,
                config.get(DeskOptions.HISTORY), config.get(DeskOptions.TEXTS_LOOKBACK),
                config.get(DeskOptions.MAX_TEXTS), config.get(ScoringOptions.MODEL_STORE),
                AlertConfig.fromConfiguration(config).windowSlide());
    }

    private static void require(boolean ok, String key, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + rule + ", was " + value);
        }
    }
}
