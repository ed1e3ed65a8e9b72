package io.sentiflow.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentiflow.it.support.CodeMetrics;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.runtime.checkpoint.DefaultCheckpointStatsTracker;
import org.apache.flink.runtime.metrics.MetricNames;
import org.junit.jupiter.api.Test;

/**
 * Checks the Grafana dashboards of deploy/grafana against the code: every metric a panel or variable
 * queries is one the jobs register (read off their {@code *Metrics} classes, {@link CodeMetrics}) or
 * one Flink itself reports (named by Flink's own constants), and the Kubernetes files ship them.
 * {@code DeskBrowserITCase} scrapes a running job for the Flink metrics among them.
 */
class GrafanaDashboardsTest {

    /** The scopes Flink's Prometheus reporter puts before a job's, a task's and an operator's metrics. */
    private static final List<String> FLINK_SCOPES = List.of("flink_jobmanager_job_", "flink_taskmanager_job_task_",
            "flink_taskmanager_job_task_operator_");

    private final GrafanaDashboards dashboards = GrafanaDashboards.locate();
    private final DeploymentFiles files = DeploymentFiles.locate();

    @Test
    void thereIsAJobHealthAndARiskDashboardEachWithItsOwnUidAndEveryPanelQueriesPrometheus() {
        Set<String> uids = new HashSet<>();
        for (Path file : dashboards.files()) {
            JsonNode dashboard = GrafanaDashboards.read(file);
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in %s", file).isTrue();
            assertThat(GrafanaDashboards.panels(dashboard)).as(file.toString()).isNotEmpty().allSatisfy(panel -> {
                assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
                panel.path("targets").forEach(target -> assertThat(GrafanaDashboards.metrics(target.path("expr").asText()))
                        .as("%s: %s", panel.path("title").asText(), target.path("expr").asText()).isNotEmpty());
            });
        }
        assertThat(uids).containsExactlyInAnyOrder("sentiflow-job-health", "sentiflow-risk");
    }

    @Test
    void everyMetricADashboardQueriesIsRegisteredByTheJobsOrReportedByFlink() {
        Set<String> known = new TreeSet<>(CodeMetrics.prometheusNames());
        for (String name : flinkMetricNames()) {
            FLINK_SCOPES.forEach(scope -> known.add(scope + name));
        }
        List<String> unknown = new ArrayList<>();
        for (GrafanaDashboards.Query query : dashboards.queries()) {
            for (String metric : GrafanaDashboards.metrics(query.expr())) {
                if (!known.contains(metric)) {
                    unknown.add(query.dashboard() + " / " + query.panel() + ": " + metric);
                }
            }
        }
        assertThat(unknown).as("metrics no code registers").isEmpty();
        assertThat(dashboards.queriedMetrics()).contains(CodeMetrics.versionGauge());
    }

    @Test
    void theKustomizationShipsEveryDashboardAndTheKubernetesFilesPointToIt() {
        JsonNode kustomization = DeploymentFiles.documents(dashboards.dir().resolve("kustomization.yaml")).get(0);
        List<String> shipped = new ArrayList<>();
        kustomization.path("configMapGenerator").forEach(map -> map.path("files").forEach(f -> shipped.add(f.asText())));
        assertThat(shipped).containsExactlyInAnyOrderElementsOf(
                dashboards.files().stream().map(f -> f.getFileName().toString()).toList());
        assertThat(kustomization.path("generatorOptions").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        assertThat(files.read("deploy/k8s/prometheus-scrape.yaml")).contains("deploy/grafana");
        assertThat(files.read("deploy/k8s/scoring-job.yaml")).contains("deploy/grafana");
    }

    /** Flink's metric names: its {@link MetricNames} and the checkpoint statistics' (package-private) names. */
    private static Set<String> flinkMetricNames() {
        Set<String> names = new TreeSet<>();
        addStringConstants(MetricNames.class, names);
        addStringConstants(DefaultCheckpointStatsTracker.class, names);
        return names;
    }

    private static void addStringConstants(Class<?> type, Set<String> into) {
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers) && field.getType() == String.class
                    && (type == MetricNames.class || field.getName().endsWith("_METRIC"))) {
                try {
                    field.setAccessible(true);
                    into.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
    }
}
