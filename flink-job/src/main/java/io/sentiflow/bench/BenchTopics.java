package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicSpec;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.Admin;

/**
 * One benchmark job's own Kafka resources: topics named after a prefix (as many partitions as the
 * job's parallelism), its own consumer group and transactional ids, so no two jobs of a run, nor a
 * job outside the benchmark, share any of them; a checkpoint folder of its own unless the keys name
 * one. {@link #close()} deletes what it made.
 */
final class BenchTopics implements AutoCloseable {

    private final KafkaConnection connection;
    private final Configuration conf;
    private final ScoringJobConfig job;
    private final Path ownCheckpoints;
    private final Consumer<String> log;

    private BenchTopics(KafkaConnection connection, Configuration conf, Path ownCheckpoints, Consumer<String> log) {
        this.connection = connection;
        this.conf = conf;
        this.job = ScoringJobConfig.fromConfiguration(conf);
        this.ownCheckpoints = ownCheckpoints;
        this.log = log;
    }

    /** Creates the topics of {@code prefix}; {@code base} holds the keys every job of the run gets. */
    static BenchTopics create(KafkaConnection connection, Configuration base, String prefix, Consumer<String> log)
            throws IOException {
        Configuration conf = new Configuration(base);
        conf.set(ScoringJobOptions.RAW_TOPIC, prefix + ".raw");
        conf.set(ScoringJobOptions.SCORED_TOPIC, prefix + ".scored");
        conf.set(ScoringJobOptions.DLQ_TOPIC, prefix + ".dlq");
        conf.set(ScoringJobOptions.UPDATES_TOPIC, prefix + ".updates");
        conf.set(ScoringJobOptions.ALERTS_TOPIC, prefix + ".alerts");
        conf.set(ScoringJobOptions.GROUP_ID, prefix);
        conf.set(ScoringJobOptions.TRANSACTIONAL_ID_PREFIX, prefix);
        conf.set(ScoringJobOptions.BOUNDED, false);
        Path ownCheckpoints = null;
        if (!conf.contains(ScoringJobOptions.CHECKPOINT_DIR)) {
            ownCheckpoints = Files.createTempDirectory("sentiflow-bench-checkpoints");
            conf.set(ScoringJobOptions.CHECKPOINT_DIR, ownCheckpoints.toUri().toString());
        }
        BenchTopics topics = new BenchTopics(connection, conf, ownCheckpoints, log);
        try (TopicCreator creator = new TopicCreator(connection.toProperties())) {
            creator.ensure(topics.names().stream().map(topic -> TopicSpec.of(topic, topics.job.parallelism())).toList());
        }
        return topics;
    }

    /** The job's configuration: the base keys with this job's topics, group and transactional ids. */
    Configuration conf() {
        return new Configuration(conf);
    }

    ScoringJobConfig job() {
        return job;
    }

    KafkaConnection connection() {
        return connection;
    }

    /** Deletes the topics, and the checkpoint folder when this class made it (a cancelled job never restores). */
    @Override
    public void close() {
        if (ownCheckpoints != null) {
            FileUtils.deleteDirectoryQuietly(ownCheckpoints.toFile());
        }
        try (Admin admin = Admin.create(connection.toProperties())) {
            admin.deleteTopics(names()).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Leftover topics only take disk space on a benchmark broker; the run's figures stand.
            log.accept("  could not delete the bench topics " + names() + ": " + e.getMessage());
        }
    }

    private List<String> names() {
        ScoringJobConfig.Topics t = job.topics();
        return List.of(t.raw(), t.scored(), t.dlq(), t.updates(), t.alerts());
    }
}
