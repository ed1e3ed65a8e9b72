package io.sentiflow.deploy.broker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to run the local single-node KRaft broker: its ports, where it keeps its data, where the
 * broker's jars are, and the JVM heap. Immutable; build with {@link #builder()}, which fills in the
 * defaults and validates.
 *
 * @param host the address both listeners bind to and advertise (loopback by default)
 * @param port the client (PLAINTEXT) port
 * @param controllerPort the KRaft controller port
 * @param dataDir holds server.properties, broker.log, broker.pid and the log segments
 * @param libDir the broker's runtime jars (deploy's build copies them to target/kafka-broker/lib)
 * @param heap the broker JVM's maximum heap, as in {@code -Xmx}: {@code 512m}, {@code 1g}
 * @param startTimeout how long {@code start} waits for the broker to accept connections
 * @param stopTimeout how long {@code stop} waits after SIGTERM before it kills the process
 * @param properties further {@code server.properties} entries, written after (and over) the defaults
 */
public record BrokerConfig(
        String host,
        int port,
        int controllerPort,
        Path dataDir,
        Path libDir,
        String heap,
        Duration startTimeout,
        Duration stopTimeout,
        Map<String, String> properties) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final String DEFAULT_HEAP = "512m";
    /** System property naming the broker's lib folder directly. */
    public static final String LIB_DIR_PROPERTY = "sentiflow.kafka.lib";
    /** System property (or environment variable {@code SENTIFLOW_HOME}) naming the repository root. */
    public static final String HOME_PROPERTY = "sentiflow.home";
    /** Where deploy's build puts the broker's jars, relative to the repository root. */
    public static final String LIB_DIR_IN_HOME = "deploy/target/kafka-broker/lib";

    private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(libDir, "libDir");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        if (host.isBlank()) {
            throw new IllegalArgumentException("broker host must not be blank");
        }
        checkPort("port", port);
        checkPort("controller port", controllerPort);
        if (port == controllerPort) {
            throw new IllegalArgumentException(
                    "broker port and controller port must differ, both are " + port);
        }
        if (!HEAP.matcher(heap).matches()) {
            throw new IllegalArgumentException(
                    "broker heap must look like 512m or 1g (as in -Xmx), was '" + heap + "'");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive, was " + startTimeout);
        }
        if (stopTimeout.isNegative() || stopTimeout.isZero()) {
            throw new IllegalArgumentException("stop timeout must be positive, was " + stopTimeout);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        libDir = libDir.toAbsolutePath().normalize();
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bootstrap servers clients use: {@code host:port}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path serverProperties() {
        return dataDir.resolve("server.properties");
    }

    public Path log4jProperties() {
        return dataDir.resolve("log4j2.properties");
    }

    public Path logFile() {
        return dataDir.resolve("broker.log");
    }

    public Path pidFile() {
        return dataDir.resolve("broker.pid");
    }

    /** The Kafka log segments and KRaft metadata; {@code meta.properties} here marks formatted storage. */
    public Path logDirs() {
        return dataDir.resolve("logs");
    }

    /**
     * The broker's lib folder: system property {@value #LIB_DIR_PROPERTY}, else {@value
     * #LIB_DIR_IN_HOME} under the Sentiflow home, else that path under the current directory.
     */
    public static Path defaultLibDir() {
        String lib = System.getProperty(LIB_DIR_PROPERTY);
        if (lib != null && !lib.isBlank()) {
            return Path.of(lib);
        }
        return home().resolve(LIB_DIR_IN_HOME);
    }

    /** {@code var/kafka} under the Sentiflow home (the current directory when none is set). */
    public static Path defaultDataDir() {
        return home().resolve("var").resolve("kafka");
    }

    private static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            home = System.getenv("SENTIFLOW_HOME");
        }
        return home == null || home.isBlank() ? Path.of("") : Path.of(home);
    }

    private static void checkPort(String what, int value) {
        if (value < 1 || value > 65535) {
            throw new IllegalArgumentException(
                    "broker " + what + " must be between 1 and 65535, was " + value);
        }
    }

    /** Collects settings; unset ones take the defaults above. Not thread-safe. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private Integer controllerPort;
        private Path dataDir;
        private Path libDir;
        private String heap = DEFAULT_HEAP;
        private Duration startTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private final Map<String, String> properties = new LinkedHashMap<>();

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Defaults to {@code port + 1}. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = controllerPort;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder libDir(Path libDir) {
            this.libDir = libDir;
            return this;
        }

        public Builder heap(String heap) {
            this.heap = heap;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = stopTimeout;
            return this;
        }

        /** A {@code server.properties} entry over the defaults, for example a shorter broker timer in a test. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public BrokerConfig build() {
            return new BrokerConfig(
                    host,
                    port,
                    controllerPort != null ? controllerPort : port + 1,
                    dataDir != null ? dataDir : defaultDataDir(),
                    libDir != null ? libDir : defaultLibDir(),
                    heap,
                    startTimeout,
                    stopTimeout,
                    properties);
        }
    }
}
