package io.sentiflow.deploy.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The files the local broker keeps in its data folder: {@code server.properties}, the broker's
 * log4j2 configuration, {@code broker.pid} and {@code broker.log}. Stateless.
 */
final class BrokerFiles {

    private BrokerFiles() {}

    /** The broker settings, in the order a reader of server.properties expects them. */
    static Map<String, String> serverProperties(BrokerConfig config) {
        String controller = config.host() + ":" + config.controllerPort();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + controller);
        props.put(
                "listeners",
                "PLAINTEXT://" + config.bootstrapServers() + ",CONTROLLER://" + controller);
        props.put("advertised.listeners", "PLAINTEXT://" + config.bootstrapServers());
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        props.put("log.dirs", config.logDirs().toString());
        props.put("num.partitions", "1");
        // One node: every internal topic must live with one replica, or it never gets created.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Internal topics default to 50 partitions; a laptop broker creates them faster with few.
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.num.partitions", "4");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        // Tests and demos start consumers one after another: no reason to wait for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.putAll(config.properties());
        return props;
    }

    static String render(Map<String, String> props) {
        return props.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# Written by sentiflow kafka start; rewritten on every start.\n", "\n"));
    }

    /** Kafka logs to stdout, which the launcher appends to broker.log. */
    static String log4jProperties() {
        return String.join(
                "\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.state.name = state.change.logger",
                "logger.state.level = WARN",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "");
    }

    static void writeConfiguration(BrokerConfig config) {
        try {
            Files.createDirectories(config.dataDir());
            Files.writeString(config.serverProperties(), render(serverProperties(config)));
            Files.writeString(config.log4jProperties(), log4jProperties());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker configuration to " + config.dataDir(), e);
        }
    }

    static boolean isFormatted(BrokerConfig config) {
        return Files.isRegularFile(config.logDirs().resolve("meta.properties"));
    }

    static OptionalLong readPid(BrokerConfig config) {
        Path file = config.pidFile();
        if (!Files.isRegularFile(file)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (NumberFormatException e) {
            // A torn or hand-edited file names no process we could own.
            return OptionalLong.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static void writePid(BrokerConfig config, long pid) {
        try {
            Files.writeString(config.pidFile(), pid + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the broker's pid in " + config.pidFile(), e);
        }
    }

    static void deletePid(BrokerConfig config) {
        try {
            Files.deleteIfExists(config.pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + config.pidFile(), e);
        }
    }

    /** The last lines of broker.log, for error messages; empty when there is no log yet. */
    static String tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
            all.forEach(
                    line -> {
                        if (last.size() == lines) {
                            last.removeFirst();
                        }
                        last.addLast(line);
                    });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last);
    }
}
