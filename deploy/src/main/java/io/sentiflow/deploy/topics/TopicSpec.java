package io.sentiflow.deploy.topics;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One topic to create: its name, partition count and topic-level configs (such as {@code
 * cleanup.policy=compact}). Replication is always 1 on the local single-node broker.
 *
 * @param name a legal Kafka topic name
 * @param partitions at least 1
 * @param configs topic-level configs, passed to the broker as given
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("'" + name
                    + "' is not a legal Kafka topic name (letters, digits, '.', '_', '-'; at most 249)");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException(
                    "topic " + name + " needs at least 1 partition, was " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    public static TopicSpec of(String name, int partitions) {
        return new TopicSpec(name, partitions, Map.of());
    }

    public TopicSpec withName(String newName) {
        return new TopicSpec(newName, partitions, configs);
    }

    public TopicSpec withPartitions(int newPartitions) {
        return new TopicSpec(name, newPartitions, configs);
    }
}
