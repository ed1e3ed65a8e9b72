package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.connect.RecordSender;
import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicSpec;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;

/**
 * Rows (b) and (c): one Flink job, Kafka in to Kafka out, exactly once, on a local Flink in this
 * process. The job runs on its own bench topics; a warm-up set is sent and awaited first (model
 * loaded, operators running), then the measured texts are sent as fast as the producer goes and
 * read back under {@code read_committed}.
 *
 * <p>Throughput: records divided by the span from the first to the last {@code scoredAt}.
 * Latency of a record: its {@code scoredAt} minus its append time on the input topic (the Kafka
 * record timestamp), so it includes the wait behind the burst sent before it. One instance per
 * benchmark run; not thread-safe. Topics are deleted and the job cancelled before {@link #run} returns.
 */
final class JobBench {

    /** Adds a job to an environment, reading and writing through the given endpoints. */
    interface Wiring {
        void wire(StreamExecutionEnvironment env, ScoringEndpoints endpoints, Configuration conf);
    }

    private static final Duration WARMUP_TIMEOUT = Duration.ofMinutes(3);

    private final KafkaConnection connection;
    private final Configuration base;
    private final Consumer<String> log;

    /** @param base keys every job gets: the model store, the parallelism, any -D */
    JobBench(KafkaConnection connection, Configuration base, Consumer<String> log) {
        this.connection = connection;
        this.base = base;
        this.log = log;
    }

    BenchRow run(String key, String name, String topicPrefix, Wiring wiring,
            List<TextEvent> warmup, List<TextEvent> measured) throws Exception {
        Configuration conf = jobConfiguration(topicPrefix);
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        createTopics(job);
        try {
            Configuration flink = job.flinkSettings();
            flink.addAll(conf);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
            env.setParallelism(job.parallelism());
            wiring.wire(env, ScoringEndpoints.kafka(connection, job), conf);
            JobClient client = env.executeAsync("sentiflow-bench-" + key);
            try {
                return measure(key, name, job, client, warmup, measured);
            } finally {
                client.cancel().get(1, TimeUnit.MINUTES);
            }
        } finally {
            deleteTopics(job);
        }
    }

    private BenchRow measure(String key, String name, ScoringJobConfig job, JobClient client,
            List<TextEvent> warmup, List<TextEvent> measured) {
        String raw = job.topics().raw();
        String scored = job.topics().scored();
        RecordSender<TextEvent> sender =
                new RecordSender<>(connection, raw, RecordCodec.textEvents(), WireFormat.AVRO, TextEvent::getId);
        sender.send(warmup, count -> {});
        Map<String, Long> warm = new TopicTimes(connection, false)
                .collect(scored, ids(warmup), record -> record.timestamp(), WARMUP_TIMEOUT, () -> ended(client));
        require(warm.size() == warmup.size(), "(" + key + ") only " + warm.size() + " of " + warmup.size()
                + " warm-up texts were scored within " + WARMUP_TIMEOUT.toSeconds() + " s" + status(client));
        log.accept("  (" + key + ") warm; sending " + measured.size() + " texts");
        double cpuStart = CpuClock.processCpuNanos();
        sender.send(measured, count -> {});
        // Generous: the naive job may run at a few hundred texts/s, and the last checkpoint must commit.
        Duration timeout = Duration.ofSeconds(120 + measured.size() / 20);
        Set<String> ids = ids(measured);
        RecordCodec<ScoredText> codec = RecordCodec.scoredTexts();
        Map<String, Long> scoredAt = new TopicTimes(connection, true)
                .collect(scored, ids, record -> scoredAtMillis(codec, record.value()), timeout, () -> ended(client));
        require(scoredAt.size() == ids.size(), "(" + key + ") only " + scoredAt.size() + " of " + ids.size()
                + " texts were committed to " + scored + " within " + timeout.toSeconds() + " s" + status(client));
        double cpuSeconds = (CpuClock.processCpuNanos() - cpuStart) / 1e9;
        Map<String, Long> appended = new TopicTimes(connection, false)
                .collect(raw, ids, record -> record.timestamp(), Duration.ofMinutes(1), () -> false);
        require(appended.size() == ids.size(), "(" + key + ") could not read back the append times of " + raw);
        return row(key, name, scoredAt, appended, cpuSeconds);
    }

    /** The row for scored times and append times of the same ids. */
    static BenchRow row(String key, String name, Map<String, Long> scoredAt, Map<String, Long> appended,
            double cpuSeconds) {
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
        return new BenchRow(key, name, scoredAt.size(), seconds, LatencySummary.of(latencies), cpuSeconds);
    }

    private Configuration jobConfiguration(String topicPrefix) throws Exception {
        Configuration conf = new Configuration(base);
        conf.set(ScoringJobOptions.RAW_TOPIC, topicPrefix + ".raw");
        conf.set(ScoringJobOptions.SCORED_TOPIC, topicPrefix + ".scored");
        conf.set(ScoringJobOptions.DLQ_TOPIC, topicPrefix + ".dlq");
        conf.set(ScoringJobOptions.UPDATES_TOPIC, topicPrefix + ".updates");
        conf.set(ScoringJobOptions.ALERTS_TOPIC, topicPrefix + ".alerts");
        conf.set(ScoringJobOptions.GROUP_ID, topicPrefix);
        conf.set(ScoringJobOptions.TRANSACTIONAL_ID_PREFIX, topicPrefix);
        conf.set(ScoringJobOptions.BOUNDED, false);
        if (!conf.contains(ScoringJobOptions.CHECKPOINT_DIR)) {
            conf.set(ScoringJobOptions.CHECKPOINT_DIR,
                    Files.createTempDirectory("sentiflow-bench-checkpoints").toUri().toString());
        }
        return conf;
    }

    private void createTopics(ScoringJobConfig job) {
        try (TopicCreator creator = new TopicCreator(connection.toProperties())) {
            creator.ensure(topicNames(job).stream().map(topic -> TopicSpec.of(topic, job.parallelism())).toList());
        }
    }

    private void deleteTopics(ScoringJobConfig job) {
        try (Admin admin = Admin.create(connection.toProperties())) {
            admin.deleteTopics(topicNames(job)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.accept("  could not delete the bench topics " + topicNames(job) + ": " + e.getMessage());
        }
    }

    private static List<String> topicNames(ScoringJobConfig job) {
        ScoringJobConfig.Topics t = job.topics();
        return List.of(t.raw(), t.scored(), t.dlq(), t.updates(), t.alerts());
    }

    private static long scoredAtMillis(RecordCodec<ScoredText> codec, byte[] value) {
        if (codec.decode(value) instanceof Decoded.Ok<ScoredText> ok) {
            return ok.value().getScoredAt().toEpochMilli();
        }
        throw new IllegalStateException("the job wrote a record that is not a ScoredText");
    }

    private static Set<String> ids(List<TextEvent> events) {
        return events.stream().map(TextEvent::getId).collect(Collectors.toUnmodifiableSet());
    }

    private static boolean ended(JobClient client) {
        try {
            return client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState();
        } catch (Exception e) {
            return true;
        }
    }

    private static String status(JobClient client) {
        return ended(client) ? " (the job ended; see the log above)" : "";
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }
}
