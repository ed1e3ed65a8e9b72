package io.sentiflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineBenchReportTest {

    private final PipelineBenchReport report = SampleReports.report();

    @Test
    void everyRowIsComparedWithTheLimit() {
        assertThat(report.rows()).extracting(BenchRow::key).containsExactly("0", "a", "b1", "c1", "b2", "c2", "s1", "s2");
        assertThat(report.toLimit(report.limit())).isEqualTo(1.0);
        assertThat(report.toLimit(report.runs().get(0).job())).isCloseTo(0.8, within(1e-9));
        assertThat(report.toLimit(report.standalone().get(1))).isCloseTo(0.84, within(1e-9));
    }

    @Test
    void targetsArePerParallelismWithTheIssuesBounds() {
        List<TargetCheck> targets = report.targets();

        assertThat(targets).extracting(TargetCheck::name).containsExactly(
                "b1/(0)", "b1/c1", "b1 sustained p99 to scoredAt, ms", "b1 sustained lag growth, records",
                "b2/(0)", "b2/c2", "b2 sustained p99 to scoredAt, ms", "b2 sustained lag growth, records");
        assertThat(targets).extracting(TargetCheck::met).containsExactly(false, true, true, true, true, true, false, true);
        assertThat(targets.get(1).value()).isCloseTo(8.0, within(1e-9));
        assertThat(targets.get(5).value()).isCloseTo(4.4, within(1e-9));
        assertThat(targets.get(0).bound()).isEqualTo(0.85);
        assertThat(targets.get(1).bound()).isEqualTo(1.5);
        assertThat(targets.get(2).bound()).isEqualTo(300.0);
    }

    @Test
    void aSustainedRunUnderAMinuteIsShownButNeitherMeetsNorMissesItsTargets() {
        PipelineBenchReport shortRun = new PipelineBenchReport(report.revision(), report.machine(), report.settings(),
                report.tokens(), report.limit(), report.direct(),
                List.of(new ParallelismRun(1, report.runs().get(0).job(), SampleReports.sustained("b1", 900, 20),
                        report.runs().get(0).naive())), List.of(), List.of());

        TargetCheck p99 = shortRun.targets().get(2);

        assertThat(p99.met()).isFalse();
        assertThat(p99.counted()).isFalse();
        assertThat(p99.describe()).contains("not counted");
        assertThat(shortRun.targets().get(0).counted()).isTrue();
    }

    @Test
    void comparisonsScaleEachParallelismOverTheFirstAndTheClusterOverLocal() {
        assertThat(report.comparisons()).extracting(PipelineBenchReport.Comparison::name)
                .containsExactly("b2/b1", "s1/b1", "s2/s1", "s2/b2");
        assertThat(report.comparisons().get(0).value()).isCloseTo(1.1, within(1e-9));
        assertThat(report.comparisons().get(2).value()).isCloseTo(1.2, within(1e-9));
    }

    @Test
    void jsonHoldsRevisionMachineSettingsRowsTargetsAndSustainedFigures(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested").resolve("pipeline.json");

        report.write(file);

        JsonNode json = new ObjectMapper().readTree(Files.readString(file));
        assertThat(json.get("benchmark").asText()).isEqualTo("pipeline");
        assertThat(json.get("revision").get("dirty").asBoolean()).isTrue();
        assertThat(json.get("machine").get("avx2").asBoolean()).isTrue();
        assertThat(json.get("settings").get("tokenBudget").asInt()).isEqualTo(512);
        assertThat(json.get("settings").get("onnxThreads").get("2").asInt()).isEqualTo(1);
        assertThat(json.get("tokens").get("jobPaddedPerText").asDouble()).isEqualTo(41.0);
        assertThat(json.get("rows").fieldNames()).toIterable()
                .containsExactly("0", "a", "b1", "c1", "b2", "c2", "s1", "s2");
        JsonNode naive = json.get("rows").get("c1");
        assertThat(naive.get("textsPerSecond").asDouble()).isEqualTo(100.0);
        assertThat(naive.get("toLimit").asDouble()).isEqualTo(0.1);
        assertThat(naive.get("cpuMsPerText").asDouble()).isEqualTo(5.0);
        assertThat(json.get("rows").get("s1").get("cpuMsPerText").isNull()).isTrue();
        assertThat(json.get("targets").get(0).get("atLeast").asDouble()).isEqualTo(0.85);
        assertThat(json.get("targets").get(6).get("met").asBoolean()).isFalse();
        assertThat(json.get("sustained").get(0).get("toScoredAt").get("p99Ms").asDouble()).isEqualTo(120.0);
        assertThat(json.get("sustained").get(0).get("lagGrowing").asBoolean()).isFalse();
        assertThat(json.get("notes").get(0).asText()).isEqualTo("a note");
    }
}
