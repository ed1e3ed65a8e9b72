package io.sentiflow.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                .recoveryTime(Duration.ofMillis(4_250))
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
                .contains("| [broker-restart](#broker-restart) | 3 | 3 | 1 | 1 | 1 | 4.3 s |")
                .contains("| [poison-records](#poison-records) | 141 | 141 | 0 | 0 | 0 | n/a |")
                .contains("## broker-restart", "| downtime | 5 s |", "## poison-records")
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
    void stampsTheCommitOfTheTreeOrSaysItIsUnknown() {
        assertThat(Commit.current()).matches("[0-9a-f]{40}|unknown|.+");
        assertThat(ReliabilityFigures.builder("x", "y").build().commit()).isNotBlank();
    }
}
