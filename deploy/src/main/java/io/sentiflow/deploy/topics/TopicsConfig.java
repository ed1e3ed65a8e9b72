package io.sentiflow.deploy.topics;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The names, partition counts and configs of Sentiflow's topics, one per {@link TopicRole}.
 * Immutable; {@link #defaults()} gives news.raw (4), news.scored (4), news.dlq (1), alerts (1),
 * model.updates (1, compacted) and feedback.labels (1).
 *
 * @param topics one spec per role, all roles present, names distinct
 */
public record TopicsConfig(Map<TopicRole, TopicSpec> topics) {

    public TopicsConfig {
        Objects.requireNonNull(topics, "topics");
        for (TopicRole role : TopicRole.values()) {
            if (!topics.containsKey(role)) {
                throw new IllegalArgumentException("no topic configured for " + role);
            }
        }
        Set<String> names = new HashSet<>();
        for (TopicSpec spec : topics.values()) {
            if (!names.add(spec.name())) {
                throw new IllegalArgumentException("topic name " + spec.name() + " is used for two roles");
            }
        }
        topics = Map.copyOf(topics);
    }

    public static TopicsConfig defaults() {
        Map<TopicRole, TopicSpec> topics = new EnumMap<>(TopicRole.class);
        for (TopicRole role : TopicRole.values()) {
            topics.put(role, role.defaultSpec());
        }
        return new TopicsConfig(topics);
    }

    public TopicSpec spec(TopicRole role) {
        return topics.get(role);
    }

    public String name(TopicRole role) {
        return topics.get(role).name();
    }

    /** The role of the topic called {@code name} in this configuration. */
    public Optional<TopicRole> roleOf(String name) {
        return topics.entrySet().stream()
                .filter(e -> e.getValue().name().equals(name))
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Every topic, in role order. */
    public List<TopicSpec> all() {
        return List.of(TopicRole.values()).stream().map(topics::get).toList();
    }

    public TopicsConfig withName(TopicRole role, String name) {
        return with(role, spec(role).withName(name));
    }

    public TopicsConfig withPartitions(TopicRole role, int partitions) {
        return with(role, spec(role).withPartitions(partitions));
    }

    private TopicsConfig with(TopicRole role, TopicSpec spec) {
        Map<TopicRole, TopicSpec> changed = new EnumMap<>(topics);
        changed.put(role, spec);
        return new TopicsConfig(changed);
    }
}
