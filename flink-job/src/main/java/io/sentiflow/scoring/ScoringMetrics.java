package io.sentiflow.scoring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Every metric of the scoring operator, under the operator's group {@code sentiflow} (visible in
 * the Flink web UI as {@code <operator>.sentiflow.<name>}).
 *
 * <p>Thread safety: counters may be bumped from the model loader thread (refusals); everything
 * else runs on the task's mailbox thread. Flink's counters and histograms tolerate that.
 */
public final class ScoringMetrics {

    public static final String GROUP = "sentiflow";
    /** Texts per scored micro-batch (histogram). */
    public static final String BATCH_SIZE = "batchSize";
    /** Distinct texts per batch, the number the encoder actually ran on (histogram). */
    public static final String DISTINCT_TEXTS = "distinctTexts";
    /** Wall time of one model call for a whole batch, milliseconds (histogram). */
    public static final String INFERENCE_TIME_MS = "inferenceTimeMs";
    /** A batch's model time divided by its texts, microseconds: ms would round to 0-2 (histogram). */
    public static final String INFERENCE_TIME_PER_RECORD_US = "inferenceTimePerRecordUs";
    /** scoredAt minus publishedAt, milliseconds (histogram). */
    public static final String END_TO_END_LATENCY_MS = "endToEndLatencyMs";
    /** The version scoring now, as text: for the web UI (Prometheus drops string gauges). */
    public static final String ACTIVE_MODEL_VERSION = "activeModelVersion";
    /**
     * 1 while the version in the subgroup {@code version=<id>} scores, else 0 (gauge): the active
     * version as a number a Prometheus reporter keeps, with the version as its label.
     */
    public static final String MODEL_VERSION_ACTIVE = "modelVersionActive";
    public static final String VERSION = "version";
    public static final String SWAPS_COMPLETED = "swapsCompleted";
    /** Refused versions, in total and in subgroups {@code reason=<RejectionReason or LOAD_FAILED>}. */
    public static final String SWAPS_REFUSED = "swapsRefused";
    public static final String REASON = "reason";
    public static final String RECORDS_SCORED = "recordsScored";
    /**
     * Texts the model failed on, sent to the dead-letter topic: {@code dlqRecords} with {@code
     * reason=SCORING_FAILED}, the name and tag the validator's dead letters have.
     */
    public static final String DLQ_RECORDS = "dlqRecords";

    /** Samples kept per histogram: enough for stable p99 over the last few seconds at full speed. */
    private static final int HISTOGRAM_WINDOW = 2048;
    /**
     * Flink cannot unregister a metric, so each version served keeps its gauge (at 0) until the
     * operator closes; past this many, further versions only show in {@value #ACTIVE_MODEL_VERSION}.
     */
    static final int MAX_VERSION_GAUGES = 100;

    private final Histogram batchSize;
    private final Histogram distinctTexts;
    private final Histogram inferenceTimeMs;
    private final Histogram inferenceTimePerRecordUs;
    private final Histogram endToEndLatencyMs;
    private final Counter swapsCompleted;
    private final Counter swapsRefused;
    private final Counter recordsScored;
    private final Counter unscorable;
    private final MetricGroup group;
    private final Map<String, Counter> refusedByReason = new ConcurrentHashMap<>();
    private final Map<String, Boolean> versionGauges = new ConcurrentHashMap<>();
    private final Supplier<String> activeVersion;

    /** Registers the metrics under {@code parent.sentiflow}; {@code activeVersion} backs the gauge. */
    public ScoringMetrics(MetricGroup parent, Supplier<String> activeVersion) {
        group = parent.addGroup(GROUP);
        this.activeVersion = activeVersion;
        batchSize = group.histogram(BATCH_SIZE, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        distinctTexts = group.histogram(DISTINCT_TEXTS, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        inferenceTimeMs = group.histogram(INFERENCE_TIME_MS, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        inferenceTimePerRecordUs =
                group.histogram(INFERENCE_TIME_PER_RECORD_US, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        endToEndLatencyMs =
                group.histogram(END_TO_END_LATENCY_MS, new DescriptiveStatisticsHistogram(HISTOGRAM_WINDOW));
        group.gauge(ACTIVE_MODEL_VERSION, activeVersion::get);
        swapsCompleted = group.counter(SWAPS_COMPLETED);
        swapsRefused = group.counter(SWAPS_REFUSED);
        recordsScored = group.counter(RECORDS_SCORED);
        unscorable = group.addGroup(REASON, MicroBatchScoring.SCORING_FAILED).counter(DLQ_RECORDS);
    }

    /**
     * Records one scored batch: its size, distinct texts and the model calls' duration; {@code
     * unscorable} of its texts went to the dead-letter topic instead.
     */
    public void batchScored(int texts, int distinct, long inferenceNanos, int unscorableTexts) {
        batchSize.update(texts);
        distinctTexts.update(distinct);
        inferenceTimeMs.update(inferenceNanos / 1_000_000);
        inferenceTimePerRecordUs.update(inferenceNanos / 1_000 / Math.max(1, texts));
        recordsScored.inc(texts - unscorableTexts);
        unscorable.inc(unscorableTexts);
    }

    public long unscorableTexts() {
        return unscorable.getCount();
    }

    public void latency(long scoredAtMillis, long publishedAtMillis) {
        endToEndLatencyMs.update(scoredAtMillis - publishedAtMillis);
    }

    public void swapCompleted() {
        swapsCompleted.inc();
    }

    /**
     * Registers the numeric gauge of {@code version} the first time it serves; the gauge reads 1
     * while {@code activeVersion} names it. Called when a version starts serving, from any thread.
     */
    public void versionServed(String version) {
        if (versionGauges.size() < MAX_VERSION_GAUGES && versionGauges.putIfAbsent(version, Boolean.TRUE) == null) {
            group.addGroup(VERSION, version).gauge(MODEL_VERSION_ACTIVE, () -> version.equals(activeVersion.get()) ? 1 : 0);
        }
    }

    /** Called from the loader thread; {@code reason} is a short upper-case tag. */
    public void swapRefused(String reason) {
        refusedByReason.computeIfAbsent(reason, r -> group.addGroup(REASON, r).counter(SWAPS_REFUSED)).inc();
        // The total last: whoever sees it has also seen the reason's count.
        swapsRefused.inc();
    }

    public long swapsCompleted() {
        return swapsCompleted.getCount();
    }

    public long swapsRefused() {
        return swapsRefused.getCount();
    }

    /** Refusals with {@code reason} so far. */
    public long swapsRefused(String reason) {
        Counter counter = refusedByReason.get(reason);
        return counter == null ? 0 : counter.getCount();
    }

    public long recordsScored() {
        return recordsScored.getCount();
    }
}
