package io.sentiflow.bench;

import java.util.Objects;

/**
 * A sustained run: texts sent at a fixed rate into a running scoring job, and what each text waited.
 *
 * @param key the job row the run followed ({@code b1}, {@code b2}...)
 * @param rateFraction the fraction of that row's texts/s sent
 * @param ratePerSecond the rate asked for
 * @param seconds how long the sending took
 * @param sent texts sent (every one was seen, or the run failed)
 * @param toScoredAt {@code scoredAt} minus the input record's Kafka timestamp: the exactly-once commit
 *     wait left out ({@code scoredAt} is set when the operator scores)
 * @param toVisible the time a {@code read_committed} consumer saw the record minus the same timestamp:
 *     what a reader of the output waits, commit included (records appear at the checkpoint)
 * @param lag the job's group lag on the input topic, sampled while sending
 */
public record SustainedResult(String key, int parallelism, double rateFraction, double ratePerSecond, double seconds,
        int sent, LatencySummary toScoredAt, LatencySummary toVisible, LagTrend lag) {

    /** Shorter runs are shown but do not count against the targets: too few checkpoints to see lag grow. */
    public static final int MIN_SECONDS = 60;

    public SustainedResult {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(toScoredAt, "toScoredAt");
        Objects.requireNonNull(toVisible, "toVisible");
        Objects.requireNonNull(lag, "lag");
    }

    /** Whether the run was long enough for its figures to count against the targets. */
    public boolean counts() {
        return seconds >= MIN_SECONDS;
    }

    /** The rate the texts really went out at. */
    public double sentPerSecond() {
        return sent / seconds;
    }
}
