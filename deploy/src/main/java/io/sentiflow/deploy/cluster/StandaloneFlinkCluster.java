package io.sentiflow.deploy.cluster;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone Flink session cluster on 127.0.0.1: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), each a
 * separate {@code java} process on the jars of {@link FlinkClusterConfig#libDir()}, the way
 * Flink's own scripts start them (memory sizes worked out by Flink's {@code BashJavaUtils}).
 *
 * <p>{@link #start()} returns once the REST API lists every TaskManager. {@link #close()} stops
 * every process this instance started; a shutdown hook does the same if the JVM exits first.
 * Methods are synchronized; one instance owns its processes and its work folder.
 */
public final class StandaloneFlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StandaloneFlinkCluster.class);
    private static final String JOB_MANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASK_MANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final Pattern TASK_MANAGER_ENTRY = Pattern.compile("\"slotsNumber\"\\s*:");
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final FlinkClusterConfig config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> taskManagers = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "flink-cluster-shutdown");
    private Process jobManager;
    private List<String> jobManagerParams;
    private int jobManagerStarts;

    public StandaloneFlinkCluster(FlinkClusterConfig config) {
        this.config = config;
    }

    public FlinkClusterConfig config() {
        return config;
    }

    /**
     * Writes {@code conf/config.yaml}, starts the JobManager and the TaskManagers, and waits until
     * the REST API lists all of them.
     *
     * @throws ClusterException when lib/ holds no Flink, a process exits, or the cluster is not
     *     up within the start timeout (the message names the logs to read)
     */
    public synchronized void start() {
        if (jobManager != null) {
            throw new IllegalStateException("cluster already started");
        }
        requireLibDir();
        FlinkConfFiles.write(config);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        jobManagerParams = resourceParams("GET_JM_RESOURCE_PARAMS");
        launchJobManager();
        List<String> taskManagerParams = resourceParams("GET_TM_RESOURCE_PARAMS");
        for (int i = 0; i < config.taskManagers(); i++) {
            // A known resource id lets callers match the REST API's TaskManagers to these processes.
            List<String> params = new ArrayList<>(taskManagerParams);
            params.addAll(List.of("-D", "taskmanager.resource-id=" + taskManagerId(i)));
            taskManagers.add(launch(taskManagerId(i), TASK_MANAGER, params));
        }
        awaitTaskManagers(config.taskManagers(), config.startTimeout());
        LOG.info("Flink cluster up at {} with {} TaskManagers", config.restUrl(), config.taskManagers());
    }

    /** The resource id TaskManager {@code index} registers with, as the REST API lists it. */
    public static String taskManagerId(int index) {
        return "taskmanager-" + index;
    }

    /** Kills TaskManager {@code index} at once (SIGKILL), as a crashed machine would vanish. */
    public synchronized void killTaskManager(int index) {
        Process process = taskManagers.get(index);
        process.destroyForcibly();
        if (!awaitExit(process, STOP_TIMEOUT)) {
            throw new ClusterException("TaskManager " + index + " (pid " + process.pid() + ") survived SIGKILL");
        }
        LOG.info("Killed TaskManager {} (pid {})", index, process.pid());
    }

    /**
     * Kills the JobManager at once (SIGKILL), as a crashed machine would vanish. With high
     * availability ({@link FlinkClusterConfig#withZooKeeperHa}) the TaskManagers keep running and
     * wait for a new leader; {@link #startJobManager()} starts one.
     */
    public synchronized void killJobManager() {
        jobManager.destroyForcibly();
        if (!awaitExit(jobManager, STOP_TIMEOUT)) {
            throw new ClusterException("the JobManager (pid " + jobManager.pid() + ") survived SIGKILL");
        }
        LOG.info("Killed the JobManager (pid {})", jobManager.pid());
    }

    /** Starts a JobManager again after {@link #killJobManager()}, on the same ports, as a supervisor would. */
    public synchronized void startJobManager() {
        if (jobManager.isAlive()) {
            throw new IllegalStateException("the JobManager still runs (pid " + jobManager.pid() + ")");
        }
        launchJobManager();
    }

    /** How often a JobManager was started again after the first. */
    public synchronized int jobManagerRestarts() {
        return jobManagerStarts - 1;
    }

    public synchronized boolean isTaskManagerAlive(int index) {
        return taskManagers.get(index).isAlive();
    }

    /** How many TaskManagers the JobManager's REST API lists now; 0 when it does not answer. */
    public int registeredTaskManagers() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(config.restUrl() + "/taskmanagers"))
                            .timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return 0;
            }
            Matcher matcher = TASK_MANAGER_ENTRY.matcher(response.body());
            int count = 0;
            while (matcher.find()) {
                count++;
            }
            return count;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while asking " + config.restUrl(), e);
        }
    }

    /** Waits until the REST API lists exactly {@code expected} TaskManagers. */
    public void awaitTaskManagers(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (registeredTaskManagers() != expected) {
            if (!jobManager.isAlive()) {
                throw new ClusterException("the JobManager exited; see " + logFile("jobmanager"));
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException("the REST API at " + config.restUrl() + " did not list " + expected
                        + " TaskManagers within " + timeout + "; see the logs in " + config.logDir());
            }
            pause();
        }
    }

    /** Stops every process this cluster started: SIGTERM, then SIGKILL after a grace period. */
    @Override
    public synchronized void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // The JVM is shutting down (the hook runs), or start() never registered it.
        }
    }

    private synchronized void stopAll() {
        List<Process> all = new ArrayList<>(taskManagers);
        if (jobManager != null) {
            all.add(jobManager);
        }
        all.forEach(Process::destroy);
        for (Process process : all) {
            if (!awaitExit(process, STOP_TIMEOUT)) {
                LOG.warn("Flink process pid {} ignored SIGTERM; killing it", process.pid());
                process.destroyForcibly();
                awaitExit(process, STOP_TIMEOUT);
            }
        }
        taskManagers.clear();
        jobManager = null;
    }

    private void launchJobManager() {
        jobManager = launch("jobmanager", JOB_MANAGER, jobManagerParams);
        jobManagerStarts++;
    }

    /** JVM options and {@code -D key=value} arguments, as Flink's scripts get them from BashJavaUtils. */
    private List<String> resourceParams(String command) {
        Path out = config.logDir().resolve(command + ".out");
        Process process = spawn(List.of(BASH_JAVA_UTILS, command, "--configDir", config.confDir().toString()),
                List.of(), out);
        if (!awaitExit(process, config.startTimeout()) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new ClusterException("Flink's BashJavaUtils " + command + " failed; see " + out);
        }
        List<String> params = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith(RESULT_PREFIX)) {
                    String value = line.substring(RESULT_PREFIX.length()).trim();
                    if (!value.isEmpty()) {
                        params.addAll(List.of(value.split("\\s+")));
                    }
                }
            }
        } catch (IOException e) {
            throw new ClusterException("cannot read " + out, e);
        }
        return params;
    }

    /** Starts one Flink process: the JVM options among {@code params} go before the main class. */
    private Process launch(String name, String mainClass, List<String> params) {
        List<String> jvm = new ArrayList<>(FlinkConfFiles.JVM_OPTIONS);
        List<String> args = new ArrayList<>(List.of(mainClass, "--configDir", config.confDir().toString()));
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).equals("-D") && i + 1 < params.size()) {
                args.add("-D");
                args.add(params.get(++i));
            } else {
                jvm.add(params.get(i));
            }
        }
        jvm.add("-Dlog.file=" + logFile(name));
        Process process = spawn(args, jvm, config.logDir().resolve(name + ".out"));
        LOG.info("Started Flink {} (pid {})", name, process.pid());
        return process;
    }

    private Process spawn(List<String> mainAndArgs, List<String> jvmOptions, Path output) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dlog4j.configurationFile=" + config.confDir().resolve(FlinkConfFiles.LOG4J));
        command.add("-Dai.djl.offline=true");
        command.add("-Dai.djl.onnx.disable_alternative=true");
        command.addAll(List.of("-cp", config.libDir() + "/*"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.workDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(output.toFile()));
        builder.environment().putIfAbsent("DJL_CACHE_DIR", config.workDir().resolve("djl-cache").toString());
        builder.environment().put("FLINK_CONF_DIR", config.confDir().toString());
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new ClusterException("cannot run " + command, e);
        }
    }

    private Path logFile(String name) {
        return config.logDir().resolve(name + ".log");
    }

    private void requireLibDir() {
        try (var jars = Files.list(config.libDir())) {
            if (jars.anyMatch(jar -> jar.getFileName().toString().startsWith("flink-runtime-"))) {
                return;
            }
        } catch (IOException e) {
            // Reported below, with what to do about it.
        }
        throw new ClusterException("no Flink runtime jars in " + config.libDir()
                + "; build them with `mvn -pl deploy package`");
    }

    private static boolean awaitExit(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting for the Flink cluster", e);
        }
    }
}
