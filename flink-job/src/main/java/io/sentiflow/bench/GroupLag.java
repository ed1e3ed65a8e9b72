package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer lag of a group on one topic, as monitoring sees it: each partition's end offset minus
 * the group's committed offset, summed. The scoring job's Kafka source commits its offsets when a
 * checkpoint completes, so this lag rises between checkpoints and falls at each one even when the
 * job keeps up. Not thread-safe; {@link #close()} closes its admin client.
 */
final class GroupLag implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String group;
    private final List<TopicPartition> partitions;

    GroupLag(KafkaConnection connection, String group, String topic) throws Exception {
        this.admin = Admin.create(connection.toProperties());
        this.group = group;
        try {
            this.partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            admin.close();
            throw e;
        }
    }

    /** Records on the topic the group has not committed yet; a partition without a commit counts from 0 (fresh topics). */
    long now() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long lag = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata commit = committed.get(partition);
            lag += Math.max(0, ends.get(partition).offset() - (commit == null ? 0 : commit.offset()));
        }
        return lag;
    }

    @Override
    public void close() {
        admin.close();
    }
}
