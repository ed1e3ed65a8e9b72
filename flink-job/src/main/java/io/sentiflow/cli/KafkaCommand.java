package io.sentiflow.cli;

import io.sentiflow.deploy.broker.BrokerStatus;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicRole;
import io.sentiflow.deploy.topics.TopicsConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow kafka start|stop|status}: the local single-node KRaft broker that every other
 * command uses by default. The work is done by {@link LocalKafkaBroker} and {@link TopicCreator}.
 */
@Command(
        name = "kafka",
        description = "Run the local Kafka broker (a real single-node KRaft broker in its own process).",
        subcommands = {KafkaCommand.Start.class, KafkaCommand.Stop.class, KafkaCommand.Status.class})
public final class KafkaCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** Starts the broker unless it runs, then creates the missing topics. */
    @Command(name = "start",
            description = "Start the broker (formatting storage on first start) and create the topics. Harmless when it runs already.")
    static final class Start implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private KafkaBrokerOptions broker;

        @Option(names = "--topic-name", paramLabel = "ROLE=NAME",
                description = "Rename a topic; ROLE is its default name, e.g. --topic-name news.raw=my.news")
        private Map<String, String> names = new LinkedHashMap<>();

        @Option(names = "--partitions", paramLabel = "ROLE=N",
                description = "Partition count of a new topic; ROLE is its default name, e.g. --partitions news.raw=8")
        private Map<String, Integer> partitions = new LinkedHashMap<>();

        @Option(names = "--no-topics", description = "Only start the broker.")
        private boolean noTopics;

        @Override
        public Integer call() {
            TopicsConfig topics = topics(names, partitions);
            LocalKafkaBroker kafka = new LocalKafkaBroker(broker.brokerConfig());
            BrokerStatus status = kafka.start();
            spec.commandLine().getOut().println(status.describe());
            if (!noTopics) {
                Properties client = new Properties();
                client.put("bootstrap.servers", status.bootstrapServers());
                try (TopicCreator creator = new TopicCreator(client)) {
                    List<String> created = creator.ensure(topics);
                    spec.commandLine().getOut().printf("Topics: %s (created now: %s)%n",
                            topics.all().stream().map(t -> t.name() + "[" + t.partitions() + "]").toList(),
                            created.isEmpty() ? "none" : String.join(", ", created));
                }
            }
            return CommandLine.ExitCode.OK;
        }
    }

    /** Stops the broker recorded in the data folder. */
    @Command(name = "stop",
            description = "Stop the broker that `kafka start` started from this data folder (by its recorded pid).")
    static final class Stop implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private KafkaBrokerOptions broker;

        @Override
        public Integer call() {
            LocalKafkaBroker kafka = new LocalKafkaBroker(broker.brokerConfig());
            boolean stopped = kafka.stop();
            spec.commandLine().getOut().println(stopped
                    ? "Kafka stopped (data kept in " + kafka.config().dataDir() + ")"
                    : "Kafka was not running from " + kafka.config().dataDir());
            return CommandLine.ExitCode.OK;
        }
    }

    /** Says whether the broker runs; exit code 0 when it does, 3 when it does not. */
    @Command(name = "status",
            description = "Say whether the broker runs (exit code 0) or not (exit code 3).")
    static final class Status implements Callable<Integer> {
        @Spec private CommandSpec spec;
        @Mixin private KafkaBrokerOptions broker;

        @Override
        public Integer call() {
            BrokerStatus status = new LocalKafkaBroker(broker.brokerConfig()).status();
            spec.commandLine().getOut().println(status.describe());
            return status.isUp() ? CommandLine.ExitCode.OK : 3;
        }
    }

    /** The default topics with the command line's renames and partition counts applied. */
    static TopicsConfig topics(Map<String, String> names, Map<String, Integer> partitions) {
        TopicsConfig topics = TopicsConfig.defaults();
        for (Map.Entry<String, Integer> entry : partitions.entrySet()) {
            topics = topics.withPartitions(role(entry.getKey()), entry.getValue());
        }
        for (Map.Entry<String, String> entry : names.entrySet()) {
            topics = topics.withName(role(entry.getKey()), entry.getValue());
        }
        return topics;
    }

    private static TopicRole role(String defaultName) {
        return TopicRole.byDefaultName(defaultName).orElseThrow(() -> new IllegalArgumentException(
                "unknown topic '" + defaultName + "'; use a default name: "
                        + List.of(TopicRole.values()).stream().map(TopicRole::defaultName).toList()));
    }
}
