package io.sentiflow.it.faults;

import io.sentiflow.testing.KafkaBrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Fresh topics for one fault test. Raw and dead-letter topics accept records of up to
 * {@value #MAX_MESSAGE_BYTES} bytes, so an oversize text reaches the job and its dead letter
 * reaches the DLQ, as on a production topic configured for large records.
 */
record FaultTopics(String raw, String scored, String dlq, String updates, String alerts) {

    static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    static FaultTopics create(KafkaBrokerExtension kafka, String test, int rawPartitions) {
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        FaultTopics topics = new FaultTopics(test + "-raw" + suffix, test + "-scored" + suffix, test + "-dlq" + suffix,
                test + "-updates" + suffix, test + "-alerts" + suffix);
        Map<String, String> large = Map.of("max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(
                    new NewTopic(topics.raw(), rawPartitions, (short) 1).configs(large),
                    new NewTopic(topics.scored(), 2, (short) 1),
                    new NewTopic(topics.dlq(), 1, (short) 1).configs(large),
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
}
