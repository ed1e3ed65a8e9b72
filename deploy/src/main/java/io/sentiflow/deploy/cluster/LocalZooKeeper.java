package io.sentiflow.deploy.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single ZooKeeper server for a local cluster's high availability ({@link
 * FlinkClusterConfig#withZooKeeperHa}), run as its own {@code java} process from Flink's lib/ the
 * way Flink's {@code bin/zookeeper.sh} runs one: {@code FlinkZooKeeperQuorumPeer} on the shaded
 * ZooKeeper that Flink ships. {@link #start} returns once it answers; {@link #close()} stops it.
 * Methods are synchronized; one instance owns its process and work folder.
 */
public final class LocalZooKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalZooKeeper.class);
    private static final String QUORUM_PEER = "org.apache.flink.runtime.zookeeper.FlinkZooKeeperQuorumPeer";
    private static final Duration POLL = Duration.ofMillis(250);

    private final Path libDir;
    private final Path workDir;
    private final int port;
    private Process process;

    /**
     * @param libDir Flink's lib/ ({@link FlinkClusterConfig#libDir()})
     * @param workDir holds {@code zoo.cfg}, the data and {@code zookeeper.log}
     * @param port the client port, on {@value FlinkClusterConfig#HOST}
     */
    public LocalZooKeeper(Path libDir, Path workDir, int port) {
        this.libDir = libDir;
        this.workDir = workDir;
        this.port = port;
    }

    /** The {@code host:port} clients connect to: {@code high-availability.zookeeper.quorum}. */
    public String quorum() {
        return FlinkClusterConfig.HOST + ":" + port;
    }

    /** Starts the server and waits until it answers ZooKeeper's {@code srvr} command. */
    public synchronized void start(Duration timeout) {
        if (process != null) {
            throw new IllegalStateException("ZooKeeper already started");
        }
        Path config = workDir.resolve("zoo.cfg");
        Path log = workDir.resolve("zookeeper.log");
        try {
            Files.createDirectories(workDir.resolve("data"));
            Files.writeString(config, String.join("\n", "tickTime=1000", "dataDir=" + workDir.resolve("data"),
                    "clientPort=" + port, "clientPortAddress=" + FlinkClusterConfig.HOST, "maxClientCnxns=0",
                    "admin.enableServer=false", "4lw.commands.whitelist=srvr", ""));
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", libDir + "/*", QUORUM_PEER, "--zkConfigFile", config.toString(), "--peerId", "1")
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new ClusterException("cannot start ZooKeeper in " + workDir, e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new ClusterException("ZooKeeper on " + quorum() + " did not answer within " + timeout
                        + "; see " + log);
            }
            pause();
        }
        LOG.info("ZooKeeper up on {} (pid {})", quorum(), process.pid());
    }

    /** Stops the server: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(FlinkClusterConfig.HOST, port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).contains("Mode:");
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting for ZooKeeper", e);
        }
    }
}
