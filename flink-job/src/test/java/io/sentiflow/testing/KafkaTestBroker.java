package io.sentiflow.testing;

import io.sentiflow.deploy.broker.BrokerConfig;
import io.sentiflow.deploy.broker.LocalKafkaBroker;
import io.sentiflow.deploy.topics.TopicCreator;
import io.sentiflow.deploy.topics.TopicsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One real local broker for a test JVM: {@link LocalKafkaBroker} (the code behind {@code sentiflow
 * kafka start}) on free ports in a temporary folder, with the project's topics created. {@link
 * #close()} stops it and deletes the folder; a shutdown hook kills it if the JVM ends first, so no
 * broker outlives the build. Thread-safe once started.
 */
final class KafkaTestBroker implements AutoCloseable {

    private final LocalKafkaBroker broker;
    private final Thread killOnExit;

    private KafkaTestBroker(LocalKafkaBroker broker) {
        this.broker = broker;
        this.killOnExit = new Thread(broker::stop, "kafka-test-broker-stop");
    }

    /** Starts the broker and creates {@link TopicsConfig#defaults()}. */
    static KafkaTestBroker start() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("sentiflow-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data folder for the test broker", e);
        }
        int[] ports = freePorts();
        BrokerConfig config = BrokerConfig.builder()
                .port(ports[0])
                .controllerPort(ports[1])
                .dataDir(dataDir)
                .libDir(libDir())
                .build();
        KafkaTestBroker started = new KafkaTestBroker(new LocalKafkaBroker(config));
        Runtime.getRuntime().addShutdownHook(started.killOnExit);
        started.broker.start();
        try (TopicCreator creator = new TopicCreator(started.clientProperties())) {
            creator.ensure(TopicsConfig.defaults());
        }
        return started;
    }

    String bootstrapServers() {
        return broker.config().bootstrapServers();
    }

    Properties clientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    @Override
    public void close() {
        broker.stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook stops the broker anyway.
        }
        deleteQuietly(broker.config().dataDir());
    }

    /**
     * The broker jars: {@code -Dsentiflow.kafka.lib}, else {@code deploy/target/kafka-broker/lib}
     * under {@code -Dsentiflow.home} (failsafe sets it), else under the nearest folder above the
     * working directory that holds {@code deploy/}, also accepting a per-engineer build folder
     * ({@code deploy/target-*}).
     */
    static Path libDir() {
        String explicit = System.getProperty(BrokerConfig.LIB_DIR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String home = System.getProperty(BrokerConfig.HOME_PROPERTY);
        if (home != null && !home.isBlank() && hasBrokerJars(Path.of(home).resolve(BrokerConfig.LIB_DIR_IN_HOME))) {
            return Path.of(home).resolve(BrokerConfig.LIB_DIR_IN_HOME);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Optional<Path> lib = libUnder(dir.resolve("deploy"));
            if (lib.isPresent()) {
                return lib.get();
            }
        }
        throw new IllegalStateException("Kafka broker jars not found: build them with `mvn -pl deploy package`"
                + " or point -D" + BrokerConfig.LIB_DIR_PROPERTY + " at a folder of them");
    }

    private static Optional<Path> libUnder(Path deploy) {
        if (!Files.isDirectory(deploy)) {
            return Optional.empty();
        }
        Path standard = deploy.resolve("target/kafka-broker/lib");
        if (hasBrokerJars(standard)) {
            return Optional.of(standard);
        }
        try (Stream<Path> builds = Files.list(deploy)) {
            return builds.filter(p -> p.getFileName().toString().startsWith("target"))
                    .map(p -> p.resolve("kafka-broker/lib"))
                    .filter(KafkaTestBroker::hasBrokerJars)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasBrokerJars(Path lib) {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Two distinct free ports, both held open while the second is chosen so they differ. */
    private static int[] freePorts() {
        try (ServerSocket first = new ServerSocket(0); ServerSocket second = new ServerSocket(0)) {
            return new int[] {first.getLocalPort(), second.getLocalPort()};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports for the test broker", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = all.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // A temp folder left behind is harmless; the test result is what matters.
        }
    }
}
