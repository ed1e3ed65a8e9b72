package io.sentiflow.deploy.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics idempotently with {@link Admin#createTopics}: a topic that exists already is left
 * as it is (its partition count is not changed). Owns its admin client; close it when done.
 */
public final class TopicCreator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicCreator.class);

    private final Admin admin;

    /** @param clientProperties admin client properties, bootstrap.servers and any security settings */
    public TopicCreator(Properties clientProperties) {
        this.admin = Admin.create(clientProperties);
    }

    /** Creates Sentiflow's topics that do not exist yet; returns the names it created. */
    public List<String> ensure(TopicsConfig config) {
        return ensure(config.all());
    }

    /** Creates the topics that do not exist yet; returns the names it created. */
    public List<String> ensure(Collection<TopicSpec> topics) {
        List<NewTopic> requests = topics.stream()
                .map(spec -> new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.of((short) 1))
                        .configs(spec.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(requests).values();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            if (awaitCreated(result.getKey(), result.getValue())) {
                created.add(result.getKey());
            }
        }
        if (!created.isEmpty()) {
            LOG.info("Created topics {}", created);
        }
        return List.copyOf(created);
    }

    private static boolean awaitCreated(String topic, KafkaFuture<Void> future) {
        try {
            future.get();
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topic " + topic, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
