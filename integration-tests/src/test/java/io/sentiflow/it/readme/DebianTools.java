package io.sentiflow.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tools a platform team or a notebook uses instead of Sentiflow's own: Debian's {@code kcat}
 * and Debian's Python ({@value #PYTHON}, which sees the {@code python3-kafka} and {@code python3-avro}
 * packages; a pyenv {@code python3} on the PATH does not). {@code .ci/run} installs them; a test that
 * needs them fails, never skips, when they are missing, naming what to install.
 */
final class DebianTools {

    static final String PYTHON = "/usr/bin/python3";
    private static final String INSTALL = "apt-get install -y kcat python3-kafka python3-avro (.ci/run installs"
            + " them when missing)";

    /** What a tool printed, and how it ended. */
    record Output(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out ---\n" + out + "\n--- err ---\n" + err;
        }
    }

    private DebianTools() {}

    /** Fails with what to install unless kcat and Debian's Python with kafka and avro are there. */
    static void require(Path dir) {
        assertThat(runQuietly(dir, List.of("kcat", "-V"))).as("kcat is needed: " + INSTALL).isZero();
        assertThat(runQuietly(dir, List.of(PYTHON, "-c", "import kafka, avro")))
                .as(PYTHON + " with the kafka and avro modules is needed: " + INSTALL).isZero();
    }

    /** Runs a README shell line through bash in {@code dir}; fails if it runs past {@code timeout}. */
    static Output shell(Path dir, String line, Duration timeout) {
        return run(dir, List.of("bash", "-c", line), timeout);
    }

    /** Runs a Python program with Debian's Python in {@code dir}. */
    static Output python(Path dir, String program, Duration timeout) throws IOException {
        Path file = Files.createTempFile(dir, "readme-", ".py");
        Files.writeString(file, program);
        return run(dir, List.of(PYTHON, file.toString()), timeout);
    }

    private static int runQuietly(Path dir, List<String> command) {
        try {
            return run(dir, command, Duration.ofSeconds(30)).exit();
        } catch (IllegalStateException notThere) {
            return -1;
        }
    }

    private static Output run(Path dir, List<String> command, Duration timeout) {
        try {
            Path out = Files.createTempFile(dir, "tool-", ".out");
            Path err = Files.createTempFile(dir, "tool-", ".err");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command + " still ran after " + timeout + "\n--- err ---\n" + Files.readString(err));
            }
            return new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }
}
