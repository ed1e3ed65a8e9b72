package io.sentiflow.learner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;

/**
 * Where a local learner run resumes from. The learner's state holds labels it has not learned from
 * yet (their Kafka offsets are already committed) and its replay buffer, so a restarted local run
 * must restore its latest checkpoint rather than start empty. Local runs use a fixed job id, so
 * their checkpoints are found under {@code <checkpoint-dir>/<job id>/chk-<n>/_metadata}. Stateless.
 */
public final class LearnerCheckpoints {

    /** The job id of local learner runs (a cluster deployment restores through its own HA instead). */
    public static final JobID LOCAL_JOB_ID = JobID.fromHexString("5e47f1010ea4e7e40000000000000006");

    private LearnerCheckpoints() {}

    /** The newest completed checkpoint of local runs in a local checkpoint directory, if any. */
    public static Optional<Path> latest(String checkpointDir) {
        Path jobDir = Path.of(URI.create(checkpointDir.contains(":") ? checkpointDir : "file:" + checkpointDir))
                .resolve(LOCAL_JOB_ID.toHexString());
        if (!Files.isDirectory(jobDir)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(jobDir)) {
            return children
                    .filter(dir -> dir.getFileName().toString().matches("chk-\\d+"))
                    .filter(dir -> Files.isRegularFile(dir.resolve("_metadata")))
                    .max(Comparator.comparingLong(LearnerCheckpoints::number));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list checkpoints in " + jobDir, e);
        }
    }

    private static long number(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }
}
