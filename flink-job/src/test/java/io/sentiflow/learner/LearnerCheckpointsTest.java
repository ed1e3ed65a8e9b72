package io.sentiflow.learner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearnerCheckpointsTest {

    @TempDir Path dir;

    @Test
    void findsTheNewestCompletedCheckpointOfLocalRuns() throws Exception {
        Path job = dir.resolve(LearnerCheckpoints.LOCAL_JOB_ID.toHexString());
        Files.createDirectories(job.resolve("chk-9"));
        Files.createFile(job.resolve("chk-9").resolve("_metadata"));
        Files.createDirectories(job.resolve("chk-10"));
        Files.createFile(job.resolve("chk-10").resolve("_metadata"));
        Files.createDirectories(job.resolve("chk-11")); // being written: no metadata yet
        Files.createDirectories(job.resolve("shared"));

        assertThat(LearnerCheckpoints.latest(dir.toUri().toString())).contains(job.resolve("chk-10"));
        assertThat(LearnerCheckpoints.latest(dir.toString())).contains(job.resolve("chk-10"));
    }

    @Test
    void findsNothingInAnEmptyOrMissingDirectory() {
        assertThat(LearnerCheckpoints.latest(dir.toUri().toString())).isEmpty();
        assertThat(LearnerCheckpoints.latest(dir.resolve("missing").toUri().toString())).isEmpty();
    }
}
