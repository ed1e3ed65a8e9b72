package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.RecordSender;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A job row's maximum throughput: Kafka in to Kafka out, exactly once, on a running job (local or
 * on the cluster) and its own {@link BenchTopics}. A warm-up set is sent and awaited first (model
 * loaded, operators running), then the measured texts are sent as fast as the producer goes and
 * read back under {@code read_committed}.
 *
 * <p>Throughput: records divided by the span from the first to the last {@code scoredAt}.
 * Latency of a record: its {@code scoredAt} minus its Kafka timestamp on the input topic, so it
 * includes the wait behind the burst sent before it. Stateless apart from its collaborators.
 */
final class JobBench {

    private static final Duration WARMUP_TIMEOUT = Duration.ofMinutes(3);

    private final Consumer<String> log;

    JobBench(Consumer<String> log) {
        this.log = log;
    }

    /**
     * @param inThisProcess whether the job runs in this JVM; else its CPU time is unknown (other processes)
     */
    BenchRow measure(String key, String name, int onnxThreads, boolean inThisProcess, BenchTopics topics,
            RunningJob job, List<TextEvent> warmup, List<TextEvent> measured) {
        KafkaConnection connection = topics.connection();
        String raw = topics.job().topics().raw();
        String scored = topics.job().topics().scored();
        RecordSender<TextEvent> sender =
                new RecordSender<>(connection, raw, RecordCodec.textEvents(), WireFormat.AVRO, TextEvent::getId);
        sender.send(warmup, count -> {});
        Map<String, Long> warm = new TopicTimes(connection, false)
                .collect(scored, ids(warmup), ConsumerRecord::timestamp, WARMUP_TIMEOUT, job::ended);
        require(warm.size() == warmup.size(), "(" + key + ") only " + warm.size() + " of " + warmup.size()
                + " warm-up texts were scored within " + WARMUP_TIMEOUT.toSeconds() + " s" + status(job));
        log.accept("  (" + key + ") warm; sending " + measured.size() + " texts");
        double cpuStart = CpuClock.processCpuNanos();
        sender.send(measured, count -> {});
        // Generous: the naive job may run at a few hundred texts/s, and the last checkpoint must commit.
        Duration timeout = Duration.ofSeconds(120 + measured.size() / 20);
        Set<String> ids = ids(measured);
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        Map<String, Long> scoredAt = new TopicTimes(connection, true)
                .collect(scored, ids, record -> scoredAtMillis(codec, record.value()), timeout, job::ended);
        require(scoredAt.size() == ids.size(), "(" + key + ") only " + scoredAt.size() + " of " + ids.size()
                + " texts were committed to " + scored + " within " + timeout.toSeconds() + " s" + status(job));
        double cpuSeconds = inThisProcess ? (CpuClock.processCpuNanos() - cpuStart) / 1e9 : Double.NaN;
        Map<String, Long> appended = appendTimes(connection, raw, ids);
        return row(key, name, topics.job().parallelism(), onnxThreads, scoredAt, appended, cpuSeconds,
                LoadAverage.now().oneMinute());
    }

    /** The row for scored times and append times of the same ids. */
    static BenchRow row(String key, String name, int parallelism, int onnxThreads, Map<String, Long> scoredAt,
            Map<String, Long> appended, double cpuSeconds, double loadAverage) {
        double[] latencies = new double[scoredAt.size()];
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        int i = 0;
        for (Map.Entry<String, Long> entry : scoredAt.entrySet()) {
            long scored = entry.getValue();
            latencies[i++] = scored - appended.get(entry.getKey());
            first = Math.min(first, scored);
            last = Math.max(last, scored);
        }
        // scoredAt has millisecond resolution; a span under 1 ms is counted as 1 ms.
        double seconds = Math.max(1, last - first) / 1000.0;
        return new BenchRow(key, name, parallelism, onnxThreads, scoredAt.size(), seconds,
                LatencySummary.of(latencies), cpuSeconds, loadAverage);
    }

    /** The Kafka timestamps of {@code ids} on the input topic {@code raw}. */
    static Map<String, Long> appendTimes(KafkaConnection connection, String raw, Set<String> ids) {
        Map<String, Long> appended = new TopicTimes(connection, false)
                .collect(raw, ids, ConsumerRecord::timestamp, Duration.ofMinutes(1), () -> false);
        require(appended.size() == ids.size(), "could not read back the Kafka timestamps of " + raw);
        return appended;
    }

    /** The {@code scoredAt} of a record the job wrote, in epoch milliseconds (a codec per reading thread). */
    static long scoredAtMillis(RecordCodec<ScoredText> codec, byte[] value) {
        if (codec.decode(value) instanceof Decoded.Ok<ScoredText> ok) {
            return ok.value().getScoredAt().toEpochMilli();
        }
        throw new IllegalStateException("the job wrote a record that is not a ScoredText");
    }

    static Set<String> ids(List<TextEvent> events) {
        return events.stream().map(TextEvent::getId).collect(Collectors.toUnmodifiableSet());
    }

    private static String status(RunningJob job) {
        return job.ended() ? " (the job ended; see the log above)" : "";
    }

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
