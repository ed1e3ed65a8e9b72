package io.sentiflow.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliabilityReportTest {

    @TempDir Path dir;

    @Test
    void recordedFiguresReadBackUnchangedAndRenderOneTablePerScenario() throws Exception {
        ReliabilityFigures restart = ReliabilityFigures.builder("broker-restart", "broker stopped mid-stream")
                .tally(IdTally.of(List.of("a", "b", "c"), List.of("a", "b", "b")))
                .restarts(1)
                .recovery(new Recovery(Instant.EPOCH, Instant.EPOCH.plusMillis(4_250), Duration.ofSeconds(30)))
                .detail("downtime", "5 s")
                .build();
        ReliabilityFigures poison = ReliabilityFigures.builder("poison-records", "47 kinds of bad input")
                .recordsSent(141).recordsOut(141).build();

        List<Path> written = List.of(ReliabilityReport.record(restart, dir, false),
                ReliabilityReport.record(poison, dir, false));

        assertThat(written).containsExactly(dir.resolve("broker-restart.json"), dir.resolve("poison-records.json"));
        assertThat(ReliabilityReport.readAll(dir)).containsExactly(restart, poison);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("broker-restart.json", "poison-records.json", "RELIABILITY.md");
        }
        String report = Files.readString(dir.resolve(ReliabilityReport.REPORT_FILE));
        assertThat(report)
                .contains("| [broker-restart](#broker-restart) | 3 | 3 | 1 | 1 | 1 | 4.3 s (30.0 s) |")
                .contains("| [poison-records](#poison-records) | 141 | 141 | 0 | 0 | 0 | n/a |")
                .contains("## broker-restart", "| recovery time (bound) | 4.3 s (30.0 s) |", "| downtime | 5 s |")
                .contains("## poison-records")
                .contains("`" + restart.commit() + "`")
                .contains("| measured by | `ReliabilityReportTest` |")
                .contains("-Dit.test='ReliabilityReportTest'")
                .contains(ReliabilityDoc.REGENERATE_COMMAND);
    }

    @Test
    void tallyCountsRepeatsMissingAndUnexpectedIds() {
        IdTally tally = IdTally.of(List.of("a", "b", "c", "d"), List.of("a", "a", "a", "b", "x"));

        assertThat(tally).isEqualTo(new IdTally(4, 5, 2, 2, 1));
        assertThat(tally.exactlyOnce()).isFalse();
        assertThat(IdTally.of(List.of("a", "b"), List.of("b", "a")).exactlyOnce()).isTrue();
    }

    @Test
    void refusesAScenarioIdThatIsNoFileName() {
        assertThatThrownBy(() -> ReliabilityFigures.builder("../Broker restart", "x").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../Broker restart");
    }

    @Test
    void refusesARecoveryTimeWithoutItsBound() {
        assertThatThrownBy(() -> new ReliabilityFigures("x", "y", 0, 0, 0, 0, 0, 1_000L, null, null, "c", "t", "T"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bound");
    }

    @Test
    void recoveryIsHeldToItsBound() {
        Recovery slow = new Recovery(Instant.EPOCH, Instant.EPOCH.plusSeconds(31), Duration.ofSeconds(30));

        assertThat(slow.time()).isEqualTo(Duration.ofSeconds(31));
        assertThatThrownBy(slow::assertWithinBound).isInstanceOf(AssertionError.class);
        new Recovery(Instant.EPOCH, Instant.EPOCH.plusSeconds(30), Duration.ofSeconds(30)).assertWithinBound();
    }

    @Test
    void stampsTheHeadCommitOfAGitCheckoutAndUnknownElsewhere(@TempDir Path repo, @TempDir Path plain)
            throws Exception {
        git(repo, "init", "-q");
        git(repo, "-c", "user.name=it", "-c", "user.email=it@example.com", "commit", "-q", "--allow-empty", "-m", "x");
        String head = git(repo, "rev-parse", "HEAD");

        assertThat(head).matches("[0-9a-f]{40}");
        assertThat(Commit.gitHead(repo)).isEqualTo(head);
        assertThat(Commit.gitHead(plain)).isEqualTo(Commit.UNKNOWN);
    }

    @Test
    void writesTheCommittedReportOnlyFromFiguresOfTheCommitTested() {
        ReliabilityFigures here = new ReliabilityFigures("a", "t", 0, 0, 0, 0, 0, null, null, null, "c1", "now", "T");
        ReliabilityFigures older = new ReliabilityFigures("b", "t", 0, 0, 0, 0, 0, null, null, null, "c0", "now", "T");

        ReliabilityReport.requireMeasuredOn("c1", List.of(here));
        assertThatThrownBy(() -> ReliabilityReport.requireMeasuredOn("c1", List.of(here, older)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("b (c0)");
        assertThatThrownBy(() -> ReliabilityReport.requireMeasuredOn(Commit.UNKNOWN, List.of()))
                .isInstanceOf(IllegalStateException.class);
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor()).as("git %s: %s", List.of(args), out).isZero();
        return out;
    }
}
