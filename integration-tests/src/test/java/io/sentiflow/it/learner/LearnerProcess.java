package io.sentiflow.it.learner;

import io.sentiflow.cli.SentiflowCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code sentiflow learner} in a child JVM with this test's class path and system properties, its
 * output in a file, so that a test can kill it with SIGKILL (a crash: no shutdown hook, no
 * cleanup) and start it again. The test ends every process it starts.
 */
final class LearnerProcess implements AutoCloseable {

    private final Process process;
    private final Path output;

    private LearnerProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code sentiflow learner} with these flags and {@code -D} keys; output goes to {@code output}. */
    static LearnerProcess start(List<String> flags, Map<String, String> keys, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("ai.djl") || name.startsWith("sentiflow.") || name.equals("DJL_CACHE_DIR")
                        || name.startsWith("log4j"))
                .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
        command.add(SentiflowCommand.class.getName());
        command.add("learner");
        command.addAll(List.of("--metrics-port", "0"));
        command.addAll(flags);
        keys.forEach((key, value) -> {
            command.add("-D");
            command.add(key + "=" + value);
        });
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new LearnerProcess(process, output);
    }

    /** SIGKILL: the JVM dies at once, as in a machine or container crash. */
    void crash() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
