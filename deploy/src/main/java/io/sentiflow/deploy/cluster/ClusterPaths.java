package io.sentiflow.deploy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the cluster tests and {@code bench pipeline --standalone} find what Maven built: Flink's lib/
 * ({@code -Dsentiflow.flink.lib}, else {@code deploy/target/flink-cluster/lib}) and the shaded job jar
 * ({@code -Dsentiflow.job.jar}, else {@code flink-job/target/sentiflow-flink-job-*-job.jar}), both
 * under {@code -Dsentiflow.home} (else {@code ..}: a module folder of the tree, where the tests run).
 */
public final class ClusterPaths {

    public static final String LIB_PROPERTY = "sentiflow.flink.lib";
    public static final String JOB_JAR_PROPERTY = "sentiflow.job.jar";

    private ClusterPaths() {}

    public static Path flinkLib() {
        String configured = System.getProperty(LIB_PROPERTY);
        return configured != null ? Path.of(configured) : home().resolve("deploy/target/flink-cluster/lib");
    }

    public static Path jobJar() {
        String configured = System.getProperty(JOB_JAR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path target = home().resolve("flink-job/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("sentiflow-flink-job-.*-job\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no shaded job jar in " + target
                            + "; build it with `mvn -pl flink-job package` or set -D" + JOB_JAR_PROPERTY));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    private static Path home() {
        return Path.of(System.getProperty("sentiflow.home", "..")).toAbsolutePath().normalize();
    }
}
