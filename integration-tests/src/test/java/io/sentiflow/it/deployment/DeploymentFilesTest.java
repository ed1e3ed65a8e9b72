package io.sentiflow.it.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import io.sentiflow.alerts.AlertConfig;
import io.sentiflow.alerts.AlertOptions;
import io.sentiflow.alerts.WebhookOptions;
import io.sentiflow.connect.KafkaOptions;
import io.sentiflow.deploy.topics.TopicSpec;
import io.sentiflow.deploy.topics.TopicsConfig;
import io.sentiflow.ingest.IngestConfig;
import io.sentiflow.ingest.IngestOptions;
import io.sentiflow.job.JobArguments;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.learner.LearnerConfig;
import io.sentiflow.learner.LearnerJob;
import io.sentiflow.learner.LearnerJobConfig;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.learner.LearnerOptions;
import io.sentiflow.scoring.MicroBatchScoring;
import io.sentiflow.scoring.ScoringConfig;
import io.sentiflow.scoring.ScoringOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Checks the Kubernetes and image files under deploy/ against the code they deploy: they parse,
 * use the expected resource kinds, and name the entry class, options, topics and image that
 * exist. Nothing here talks to a cluster; the files are not applied anywhere in the build.
 */
class DeploymentFilesTest {

    private static final Map<String, String> API_VERSIONS = Map.of(
            "FlinkDeployment", "flink.apache.org/v1beta1",
            "KafkaTopic", "kafka.strimzi.io/v1beta2");
    private static final List<Class<?>> OPTION_CLASSES = List.of(ScoringJobOptions.class, KafkaOptions.class,
            ScoringOptions.class, IngestOptions.class, AlertOptions.class, WebhookOptions.class,
            LearnerJobOptions.class, LearnerOptions.class);

    private final DeploymentFiles files = DeploymentFiles.locate();

    @Test
    void everyYamlFileParsesAndEachResourceHasAKnownKindAndApiVersion() {
        assertThat(files.yamlFiles()).isNotEmpty();
        for (var file : files.yamlFiles()) {
            List<JsonNode> documents = DeploymentFiles.documents(file);
            for (JsonNode document : documents) {
                if (document.has("scrape_configs")) {
                    continue;
                }
                String kind = document.path("kind").asText();
                assertThat(API_VERSIONS).as("kind in %s", file).containsKey(kind);
                assertThat(document.path("apiVersion").asText()).as("apiVersion of %s in %s", kind, file)
                        .isEqualTo(API_VERSIONS.get(kind));
                assertThat(document.path("metadata").path("name").asText()).as("name in %s", file).isNotBlank();
            }
        }
    }

    @Test
    void learnerDeploymentRunsOneLearnerWithValidArgumentsAndItsOwnStateOnS3() {
        JsonNode deployment = deployment("sentiflow-learner");
        JsonNode spec = deployment.path("spec");
        assertThat(spec.path("job").path("entryClass").asText()).isEqualTo(LearnerJob.class.getName());
        assertThat(spec.path("job").path("jarURI").asText()).isEqualTo("local://" + dockerJobJarPath());
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("last-state");
        assertThat(spec.path("job").path("parallelism").asInt()).isEqualTo(1);

        Configuration conf = jobArguments(deployment);
        LearnerJobConfig job = LearnerJobConfig.fromConfiguration(conf);
        assertThat(LearnerConfig.fromConfiguration(conf).storeUri()).startsWith("s3://");
        assertThat(job.checkpointDir())
                .isEqualTo(spec.path("flinkConfiguration").path("execution.checkpointing.dir").asText())
                .isNotEqualTo(ScoringJobConfig.fromConfiguration(jobArguments(scoringDeployment())).checkpointDir());
        assertThat(job.transactionalIdPrefix()).isNotEqualTo(
                ScoringJobConfig.fromConfiguration(jobArguments(scoringDeployment())).transactionalIdPrefix());
        Set<String> used = new HashSet<>(conf.keySet());
        used.removeIf(key -> !key.startsWith("sentiflow."));
        assertThat(used).allSatisfy(key -> assertThat(knownSentiflowKeys()).as("options of the code").contains(key));
    }

    @Test
    void scoringDeploymentRunsTheScoringJobJarFromTheImageWithLastStateUpgrades() {
        JsonNode spec = scoringDeployment().path("spec");
        assertThat(spec.path("image").asText()).contains("sentiflow-job:");
        assertThat(spec.path("job").path("entryClass").asText()).isEqualTo(ScoringJob.class.getName());
        assertThat(spec.path("job").path("jarURI").asText()).isEqualTo("local://" + dockerJobJarPath());
        assertThat(spec.path("job").path("upgradeMode").asText()).isEqualTo("last-state");
        assertThat(spec.path("jobManager").path("resource").path("memory").asText()).isNotBlank();
        assertThat(spec.path("taskManager").path("resource").path("memory").asText()).isNotBlank();
    }

    @Test
    void scoringDeploymentKeepsHaCheckpointsAndSavepointsOnS3WithIncrementalRocksDb() {
        JsonNode conf = scoringDeployment().path("spec").path("flinkConfiguration");
        assertThat(conf.path("high-availability.type").asText()).isEqualTo("kubernetes");
        assertThat(conf.path("high-availability.storageDir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.dir").asText()).startsWith("s3://");
        assertThat(conf.path("execution.checkpointing.savepoint-dir").asText()).startsWith("s3://");
        assertThat(conf.path("state.backend.type").asText()).isEqualTo("rocksdb");
        assertThat(conf.path("execution.checkpointing.incremental").asText()).isEqualTo("true");
        assertThat(conf.path("classloader.parent-first-patterns.additional").asText())
                .contains("ai.djl.", "ai.onnxruntime.");
    }

    @Test
    void everySentiflowKeyInTheDeploymentIsAnOptionOfTheCode() {
        Set<String> known = knownSentiflowKeys();
        Set<String> used = new HashSet<>(jobArguments(scoringDeployment()).keySet());
        scoringDeployment().path("spec").path("flinkConfiguration").fieldNames()
                .forEachRemaining(used::add);
        used.removeIf(key -> !key.startsWith("sentiflow."));
        assertThat(used).isNotEmpty().allSatisfy(key -> assertThat(known).as("options of the code").contains(key));
    }

    @Test
    void jobArgumentsAreValidForTheJobAndPointAtS3() {
        JsonNode deployment = scoringDeployment();
        Configuration conf = jobArguments(deployment);

        assertThatCode(() -> {
            IngestConfig.fromConfiguration(conf);
            AlertConfig.fromConfiguration(conf);
        }).doesNotThrowAnyException();
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        JsonNode flinkConf = deployment.path("spec").path("flinkConfiguration");
        // The job sets its own checkpoint directory; it must be the one the operator knows.
        assertThat(job.checkpointDir()).isEqualTo(flinkConf.path("execution.checkpointing.dir").asText());
        assertThat(job.parallelism()).isEqualTo(deployment.path("spec").path("job").path("parallelism").asInt());
        assertThat(ScoringConfig.fromConfiguration(conf).storeUri()).startsWith("s3://");
        assertThat(conf.get(KafkaOptions.BOOTSTRAP_SERVERS)).doesNotContain("localhost", "127.0.0.1");
    }

    @Test
    void kafkaTopicsHaveTheNamesPartitionsAndConfigsOfTheDefaultTopics() {
        Map<String, TopicSpec> expected = TopicsConfig.defaults().all().stream()
                .collect(Collectors.toMap(TopicSpec::name, s -> s));
        Map<String, JsonNode> actual = new HashMap<>();
        files.ofKind("KafkaTopic").forEach(t -> actual.put(t.path("spec").path("topicName").asText(), t));

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, spec) -> {
            JsonNode topic = actual.get(name);
            assertThat(topic.path("metadata").path("name").asText()).isEqualTo(name);
            assertThat(topic.path("spec").path("partitions").asInt()).as("partitions of %s", name)
                    .isEqualTo(spec.partitions());
            spec.configs().forEach((key, value) -> assertThat(topic.path("spec").path("config").path(key).asText())
                    .as("%s of %s", key, name).isEqualTo(value));
        });
    }

    @Test
    void prometheusScrapesThePortOfFlinksPrometheusReporter() {
        JsonNode spec = scoringDeployment().path("spec");
        JsonNode conf = spec.path("flinkConfiguration");
        assertThat(conf.path("metrics.reporter.prom.factory.class").asText())
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        assertThat(conf.path("metrics.reporter.prom.port").asText()).isEqualTo("9249");
        JsonNode port = spec.path("podTemplate").path("spec").path("containers").get(0).path("ports").get(0);
        assertThat(port.path("name").asText()).isEqualTo("metrics");
        assertThat(port.path("containerPort").asInt()).isEqualTo(9249);

        JsonNode scrape = DeploymentFiles.documents(files.k8s().resolve("prometheus-scrape.yaml")).get(0);
        List<String> kept = new ArrayList<>();
        scrape.path("scrape_configs").get(0).path("relabel_configs").forEach(rule -> {
            if ("keep".equals(rule.path("action").asText())) {
                kept.add(rule.path("source_labels").get(0).asText() + "=" + rule.path("regex").asText());
            }
        });
        assertThat(kept).contains("__meta_kubernetes_pod_container_port_name=metrics");
    }

    @Test
    void dockerfileBuildsOnFlink221Java17WithTheJobJarAndNativeLibrariesInLib() {
        String dockerfile = files.read("deploy/docker/Dockerfile");
        assertThat(dockerfile.lines().filter(l -> l.startsWith("FROM ")).toList())
                .containsExactly("FROM flink:2.2.1-java17");
        assertThat(dockerfile).contains("/ai/djl/api/", "/ai/djl/onnxruntime/onnxruntime-engine/",
                "/com/microsoft/onnxruntime/onnxruntime/", "/ai/djl/huggingface/tokenizers/", "/opt/flink/lib/",
                "flink-s3-fs-presto", "/opt/flink/plugins/");
        assertThat(dockerfile).contains("flink-job/target/sentiflow-flink-job-*-job.jar");
        assertThat(dockerJobJarPath()).startsWith("/opt/flink/usrlib/");
        assertThat(group("(?m)^ARG DJL_VERSION=(\\S+)$", dockerfile))
                .isEqualTo(group("<djl.version>([^<]+)</djl.version>", files.read("pom.xml")));
    }

    @Test
    void readmeNamesEveryStableOperatorUidOfTheScoringJob() {
        String src = "flink-job/src/main/java/io/sentiflow/";
        Set<String> uids = new HashSet<>();
        for (String file : List.of("job/ScoringJob.java", "alerts/SpikeAlerts.java")) {
            Matcher m = Pattern.compile("\\.uid\\(\"([^\"]+)\"\\)").matcher(files.read(src + file));
            while (m.find()) {
                uids.add(m.group(1));
            }
        }
        uids.add(MicroBatchScoring.UID);
        assertThat(uids).contains("raw-source", "scored-sink", "alerts-sink");
        assertThat(files.read("deploy/k8s/README.md")).contains(uids.stream().map(u -> "`" + u + "`").toList());
    }

    private JsonNode scoringDeployment() {
        return deployment("sentiflow-scoring");
    }

    private JsonNode deployment(String name) {
        return files.ofKind("FlinkDeployment").stream()
                .filter(d -> d.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no FlinkDeployment " + name + " in deploy/k8s"));
    }

    /** The job's program arguments, parsed the way ScoringJob.main parses them. */
    private static Configuration jobArguments(JsonNode deployment) {
        List<String> args = new ArrayList<>();
        deployment.path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        return JobArguments.parse(args.toArray(String[]::new));
    }

    private String dockerJobJarPath() {
        return group("(?m)^COPY .*-job\\.jar (\\S+)$", files.read("deploy/docker/Dockerfile"));
    }

    private static Set<String> knownSentiflowKeys() {
        Set<String> keys = new HashSet<>();
        for (Class<?> options : OPTION_CLASSES) {
            for (Field field : options.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        keys.add(((ConfigOption<?>) field.get(null)).key());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return keys;
    }

    private static String group(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("%s found", regex).isTrue();
        return m.group(1);
    }
}
