package io.sentiflow.it.faults;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sentiflow.alerts.AlertOptions;
import io.sentiflow.it.reliability.Recovery;
import io.sentiflow.it.support.CommittedOutput;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Job settings, input and output checks shared by the tests that fail a running job. */
final class FaultRuns {

    private static final long POLL_MILLIS = 50;
    private static final int TICKER_PERIOD_TEXTS = 600;

    private FaultRuns() {}

    /**
     * The scoring job as it runs in production, restarting after a failure (fixed delay, so the
     * recovery time is not stretched by a growing backoff), and alerting on every topic and
     * entity: with every text counted negative (threshold 0) each key's share jumps from the
     * prior's 0.15 to 1, so alerts fire whatever the untrained test version predicts. Windows
     * count distinct texts and the test corpus has few, so one text is volume enough.
     */
    static Configuration recovering(Configuration conf) {
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        conf.set(AlertOptions.NEGATIVE_THRESHOLD, 0.0);
        conf.set(AlertOptions.MIN_VOLUME, 1);
        return conf;
    }

    /** Texts {@code from} (inclusive) to {@code to} ({@link #event}), alternating over two partitions. */
    static List<ProducerRecord<byte[], byte[]>> texts(String topic, int from, int to) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(to - from);
        for (int seq = from; seq < to; seq++) {
            records.add(text(topic, event(seq)));
        }
        return records;
    }

    /**
     * Text {@code seq}, id {@code t-<seq>}, one event-time second after the previous: one of five
     * headlines naming the ticker of its ten-minute period, so a new entity, and with it a new
     * alert, appears every ten event minutes all through the stream, replayed stretches included.
     */
    static TextEvent event(int seq) {
        TextEvent event = FaultIo.event(id(seq), seq);
        int period = seq / TICKER_PERIOD_TEXTS;
        event.setText(event.getText() + " $Q" + (char) ('A' + period / 26 % 26) + (char) ('A' + period % 26));
        return event;
    }

    static ProducerRecord<byte[], byte[]> text(String topic, TextEvent event) {
        int seq = Integer.parseInt(event.getId().substring(2));
        return new ProducerRecord<>(topic, seq % 2, event.getId().getBytes(UTF_8), FaultIo.avro(event));
    }

    static String id(int seq) {
        return "t-" + seq;
    }

    static List<String> ids(int count) {
        List<String> ids = new ArrayList<>(count);
        for (int seq = 0; seq < count; seq++) {
            ids.add(id(seq));
        }
        return ids;
    }

    /** The keys (text ids) of committed output records. */
    static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.key(), UTF_8)).toList();
    }

    /** Each committed alert as {@code alertId/state}: an episode fires once and resolves once. */
    static List<String> alertStates(List<ConsumerRecord<byte[], byte[]>> records) {
        RecordCodec<SentimentAlert> codec = RecordCodec.sentimentAlerts();
        return records.stream()
                .map(r -> ((Decoded.Ok<SentimentAlert>) codec.decode(r.value())).value())
                .map(alert -> alert.getAlertId() + "/" + alert.getState())
                .toList();
    }

    /** A duration as the report shows it: seconds with one decimal. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    static long repeats(List<String> values) {
        return values.size() - values.stream().distinct().count();
    }

    /** Flink's {@code numRestarts} of the job so far; read it before the job ends. */
    static long restarts(InMemoryReporter metrics, JobID job) {
        return jobGauge(metrics, job, "numRestarts");
    }

    /** A numeric job gauge of the JobManager ({@code numberOfFailedCheckpoints}...), 0 if absent. */
    static long jobGauge(InMemoryReporter metrics, JobID job, String name) {
        return metrics.findMetric(job, name)
                .map(gauge -> ((Number) ((Gauge<?>) gauge).getValue()).longValue())
                .orElse(0L);
    }

    /**
     * Waits until the job has restarted and runs every task again, reads the committed end then, and
     * waits for the first record committed past it: the restarted job's first output. Whatever the
     * failed attempt committed, before or after the fault, lies below that end and never counts.
     * The recovery runs from the fault (asked once the job has restarted) to that record.
     */
    static Recovery awaitRecovery(MiniCluster cluster, InMemoryReporter metrics, JobID job, CommittedOutput out,
            Callable<Instant> fault, Duration deadline) throws Exception {
        CommonTestUtils.waitUntilCondition(() -> restarts(metrics, job) >= 1, POLL_MILLIS,
                (int) (deadline.toMillis() / POLL_MILLIS));
        CommonTestUtils.waitForAllTaskRunning(cluster, job, false);
        Map<TopicPartition, Long> end = out.committedEnd();
        Instant first = out.awaitCommittedPast(end, deadline);
        return new Recovery(fault.call(), first, Recovery.BOUND);
    }
}
