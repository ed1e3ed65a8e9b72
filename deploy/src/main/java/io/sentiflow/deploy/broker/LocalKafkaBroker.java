package io.sentiflow.deploy.broker;

import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker, run as a separate {@code java} process from the jars in
 * {@link BrokerConfig#libDir()}. It outlives the JVM that started it: {@code sentiflow kafka start}
 * returns while the broker keeps running, and {@code sentiflow kafka stop} finds it again through
 * {@code broker.pid} in the data folder.
 *
 * <p>{@link #start()} formats storage on first use, launches the broker and returns once it
 * answers; calling it while the broker runs is harmless. {@link #stop()} stops only the process
 * recorded in this data folder, and only when it still is that broker. Methods are synchronized;
 * two JVMs sharing a data folder are not coordinated beyond the pid file.
 */
public final class LocalKafkaBroker {

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int LOG_TAIL_LINES = 30;

    private final BrokerConfig config;

    public LocalKafkaBroker(BrokerConfig config) {
        this.config = config;
    }

    public BrokerConfig config() {
        return config;
    }

    /**
     * Starts the broker unless it already runs, and waits until it accepts clients.
     *
     * @return {@code STARTED}, {@code RUNNING} (this folder's broker was up already) or {@code
     *     FOREIGN} (another Kafka broker answers on the port; it is left alone)
     * @throws BrokerException when the jars are missing, the port is taken by something else, or
     *     the broker does not come up in time (the message holds the end of broker.log)
     */
    public synchronized BrokerStatus start() {
        Optional<ProcessHandle> running = recordedBroker();
        if (running.isPresent()) {
            awaitReady(running.get());
            return status(BrokerStatus.State.RUNNING, running.get().pid());
        }
        BrokerFiles.deletePid(config);
        if (BrokerProbe.accepts(config.host(), config.port())) {
            return foreignBroker();
        }
        if (BrokerProbe.accepts(config.host(), config.controllerPort())) {
            throw new BrokerException("controller port " + config.controllerPort()
                    + " is in use by another process; choose other ports");
        }
        requireLibDir();
        BrokerFiles.writeConfiguration(config);
        if (!BrokerFiles.isFormatted(config)) {
            format();
        }
        Process process = launch();
        BrokerFiles.writePid(config, process.pid());
        try {
            awaitReady(process.toHandle());
        } catch (BrokerException e) {
            process.destroyForcibly();
            BrokerFiles.deletePid(config);
            throw e;
        }
        LOG.info("Kafka broker started on {} (pid {}), data in {}",
                config.bootstrapServers(), process.pid(), config.dataDir());
        return status(BrokerStatus.State.STARTED, process.pid());
    }

    /**
     * Stops the broker recorded in this data folder: SIGTERM, then a forced kill after the stop
     * timeout.
     *
     * @return true when it stopped a running broker, false when none was running here
     */
    public synchronized boolean stop() {
        Optional<ProcessHandle> recorded = recordedBroker();
        if (recorded.isEmpty()) {
            BrokerFiles.deletePid(config);
            return false;
        }
        ProcessHandle broker = recorded.get();
        broker.destroy();
        if (!awaitExit(broker, config.stopTimeout())) {
            LOG.warn("Kafka broker pid {} did not stop within {}; killing it", broker.pid(), config.stopTimeout());
            broker.destroyForcibly();
            if (!awaitExit(broker, Duration.ofSeconds(10))) {
                throw new BrokerException("cannot stop Kafka broker pid " + broker.pid());
            }
        }
        BrokerFiles.deletePid(config);
        LOG.info("Kafka broker pid {} stopped", broker.pid());
        return true;
    }

    /** What runs now: this folder's broker, another broker on the port, or nothing. */
    public BrokerStatus status() {
        Optional<ProcessHandle> recorded = recordedBroker();
        if (recorded.isPresent()) {
            return status(BrokerStatus.State.RUNNING, recorded.get().pid());
        }
        BrokerStatus.State state = BrokerProbe.accepts(config.host(), config.port())
                ? BrokerStatus.State.FOREIGN
                : BrokerStatus.State.STOPPED;
        return new BrokerStatus(state, OptionalLong.empty(), config.bootstrapServers(), config.dataDir());
    }

    /** The recorded process, if it is alive and still is the broker of this data folder. */
    private Optional<ProcessHandle> recordedBroker() {
        OptionalLong pid = BrokerFiles.readPid(config);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive);
        if (handle.isPresent() && !isThisBroker(handle.get())) {
            // Pids are reused: a live process under the recorded number may be anything now.
            LOG.warn("pid {} in {} is no longer this Kafka broker; ignoring it", pid.getAsLong(), config.pidFile());
            return Optional.empty();
        }
        return handle;
    }

    private boolean isThisBroker(ProcessHandle handle) {
        ProcessHandle.Info info = handle.info();
        return info.commandLine()
                .map(line -> line.contains("kafka.Kafka") && line.contains(config.serverProperties().toString()))
                // Where the OS hides other processes' arguments, a java process is the best evidence left.
                .orElseGet(() -> info.command().map(c -> c.endsWith("java")).orElse(false));
    }

    private BrokerStatus foreignBroker() {
        try {
            if (BrokerProbe.answersAsKafka(config.bootstrapServers(), Duration.ofSeconds(5))) {
                LOG.warn("A Kafka broker not started from {} already answers on {}; using it",
                        config.dataDir(), config.bootstrapServers());
                return status(BrokerStatus.State.FOREIGN, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while probing " + config.bootstrapServers(), e);
        }
        throw new BrokerException("port " + config.port() + " is in use by a process that is not a Kafka broker;"
                + " stop it or choose another port");
    }

    private void requireLibDir() {
        try (var jars = Files.list(config.libDir())) {
            if (jars.anyMatch(jar -> jar.getFileName().toString().startsWith("kafka_2.13-"))) {
                return;
            }
        } catch (java.io.IOException e) {
            // Reported below, with what to do about it.
        }
        throw new BrokerException("no Kafka broker jars in " + config.libDir()
                + "; build them with `mvn -pl deploy package` (or set -D" + BrokerConfig.LIB_DIR_PROPERTY + ")");
    }

    private void format() {
        String clusterId = Uuid.randomUuid().toString();
        LOG.info("Formatting Kafka storage in {} (cluster id {})", config.logDirs(), clusterId);
        // transaction.version=1: under v2, the Flink connector's recovery logs a false data-loss ERROR (docs/STACK.md).
        Process process = spawn("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", config.serverProperties().toString(), "--feature", "transaction.version=1");
        if (!awaitExit(process.toHandle(), config.startTimeout()) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new BrokerException("formatting Kafka storage in " + config.logDirs() + " failed; end of "
                    + config.logFile() + ":\n" + BrokerFiles.tail(config.logFile(), LOG_TAIL_LINES));
        }
    }

    private Process launch() {
        return spawn("kafka.Kafka", config.serverProperties().toString());
    }

    private Process spawn(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + config.heap(),
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + config.log4jProperties(),
                "-cp", config.libDir() + "/*",
                mainClass));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(config.dataDir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(config.logFile().toFile()))
                    .start();
            process.getOutputStream().close();
            return process;
        } catch (java.io.IOException e) {
            throw new BrokerException("cannot run " + command, e);
        }
    }

    private void awaitReady(ProcessHandle broker) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        try {
            // Only open an admin client once the port listens: before that it logs a warning per attempt.
            while (!BrokerProbe.accepts(config.host(), config.port())) {
                pauseOrFail(broker, deadline);
            }
            try (Admin admin = BrokerProbe.admin(config.bootstrapServers())) {
                while (!BrokerProbe.answersAsKafka(admin, Duration.ofSeconds(2))) {
                    pauseOrFail(broker, deadline);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private void pauseOrFail(ProcessHandle broker, long deadline) throws InterruptedException {
        if (!broker.isAlive()) {
            throw new BrokerException("Kafka broker pid " + broker.pid() + " exited while starting; end of "
                    + config.logFile() + ":\n" + BrokerFiles.tail(config.logFile(), LOG_TAIL_LINES));
        }
        if (System.nanoTime() > deadline) {
            throw new BrokerException("Kafka broker pid " + broker.pid() + " did not accept connections on "
                    + config.bootstrapServers() + " within " + config.startTimeout() + "; end of " + config.logFile()
                    + ":\n" + BrokerFiles.tail(config.logFile(), LOG_TAIL_LINES));
        }
        Thread.sleep(POLL.toMillis());
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new BrokerException("cannot wait for pid " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerException("interrupted while waiting for pid " + process.pid(), e);
        }
    }

    private BrokerStatus status(BrokerStatus.State state, long pid) {
        return new BrokerStatus(state, pid < 0 ? OptionalLong.empty() : OptionalLong.of(pid),
                config.bootstrapServers(), config.dataDir());
    }
}
