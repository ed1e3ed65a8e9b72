package io.sentiflow.it.support;

import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.deploy.topics.TopicSpec;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.store.ModelStore;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Fresh topics for one test's scoring job. Tests share one broker, and a cancelled job may leave an
 * open transaction that holds back {@code read_committed} readers of its topics, so no two tests
 * share a topic.
 */
public record PipelineTopics(String raw, String scored, String dlq, String updates, String alerts) {

    /** The topics as {@code kafka start} creates them (the DLQ's larger message limit included). */
    public static PipelineTopics create(KafkaBrokerExtension kafka, String test, int rawPartitions) {
        return new PipelineTopics(
                kafka.createUniqueTopic(test + "-raw", rawPartitions),
                kafka.createUniqueTopic(test + "-scored", 2),
                kafka.createUniqueTopic(test + "-dlq", 1, TopicRole.NEWS_DLQ.defaultSpec().configs()),
                kafka.createUniqueTopic(test + "-updates", 1),
                kafka.createUniqueTopic(test + "-alerts", 1));
    }

    /** Like {@link #create}, on a broker the test runs itself (one it stops and restarts). */
    public static PipelineTopics create(String bootstrapServers, String test, int rawPartitions) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineTopics topics = new PipelineTopics(test + "-raw" + suffix, test + "-scored" + suffix,
                test + "-dlq" + suffix, test + "-updates" + suffix, test + "-alerts" + suffix);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (TopicCreator creator = new TopicCreator(props)) {
            creator.ensure(List.of(TopicSpec.of(topics.raw(), rawPartitions), TopicSpec.of(topics.scored(), 2),
                    TopicRole.NEWS_DLQ.defaultSpec().withName(topics.dlq()), TopicSpec.of(topics.updates(), 1),
                    TopicSpec.of(topics.alerts(), 1)));
        }
        return topics;
    }

    /**
     * Like {@link #create}, but the raw and dead-letter topics accept records of up to
     * {@code maxMessageBytes}, so an oversize text reaches the job and its dead letter reaches the
     * DLQ, as on a production topic configured for large records.
     */
    public static PipelineTopics createForLargeRecords(
            KafkaBrokerExtension kafka, String test, int rawPartitions, int maxMessageBytes) {
        return createWithLimits(kafka, test, rawPartitions, maxMessageBytes, maxMessageBytes);
    }

    /** Like {@link #create}, with the raw and dead-letter topics' {@code max.message.bytes} as given. */
    public static PipelineTopics createWithLimits(
            KafkaBrokerExtension kafka, String test, int rawPartitions, int rawMaxBytes, int dlqMaxBytes) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        PipelineTopics topics = new PipelineTopics(test + "-raw" + suffix, test + "-scored" + suffix,
                test + "-dlq" + suffix, test + "-updates" + suffix, test + "-alerts" + suffix);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(
                    new NewTopic(topics.raw(), rawPartitions, (short) 1).configs(maxMessageBytes(rawMaxBytes)),
                    new NewTopic(topics.scored(), 2, (short) 1),
                    new NewTopic(topics.dlq(), 1, (short) 1).configs(maxMessageBytes(dlqMaxBytes)),
                    new NewTopic(topics.updates(), 1, (short) 1),
                    new NewTopic(topics.alerts(), 1, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics for " + test, e.getCause());
        }
        return topics;
    }

    private static Map<String, String> maxMessageBytes(int bytes) {
        return Map.of("max.message.bytes", Integer.toString(bytes));
    }

    public void addTo(Configuration conf) {
        conf.set(ScoringJobOptions.RAW_TOPIC, raw);
        conf.set(ScoringJobOptions.SCORED_TOPIC, scored);
        conf.set(ScoringJobOptions.DLQ_TOPIC, dlq);
        conf.set(ScoringJobOptions.UPDATES_TOPIC, updates);
        conf.set(ScoringJobOptions.ALERTS_TOPIC, alerts);
    }

    /**
     * A {@code ModelUpdate} on this pipeline's updates topic pointing at {@code version} of the store
     * at {@code storeRoot}, with the version's own URI and manifest checksum: a valid swap request.
     */
    public ProducerRecord<byte[], byte[]> modelUpdate(String storeRoot, String version, String reason) {
        ModelStore models = ModelStore.open(storeRoot);
        ModelUpdate update = ModelUpdate.newBuilder()
                .setVersion(version)
                .setUri(models.versionUri(version))
                .setManifestSha256(models.manifestSha256(version))
                .setCreatedAt(Instant.now())
                .setMetrics(Map.of())
                .setReason(reason)
                .build();
        return new ProducerRecord<>(updates, "model".getBytes(StandardCharsets.UTF_8),
                RecordCodec.modelUpdates().encode(update, WireFormat.AVRO));
    }
}
