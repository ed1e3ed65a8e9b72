package io.sentiflow.it.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentiflow.desk.Desk;
import io.sentiflow.desk.DeskConfig;
import io.sentiflow.desk.DeskOptions;
import io.sentiflow.it.deployment.GrafanaDashboards;
import io.sentiflow.it.support.CodeMetrics;
import io.sentiflow.it.support.PipelineTopics;
import io.sentiflow.it.support.ReadingModel;
import io.sentiflow.it.support.ScoringRuns;
import io.sentiflow.it.support.TopicIo;
import io.sentiflow.job.PrometheusEndpoint;
import io.sentiflow.job.ScoringJobOptions;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.Task;
import io.sentiflow.schema.TextEvent;
import io.sentiflow.schema.codec.Decoded;
import io.sentiflow.schema.codec.RecordCodec;
import io.sentiflow.schema.codec.WireFormat;
import io.sentiflow.testing.KafkaBrokerExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The risk desk in a real headless Chromium, fed by a real broker and the real scoring job (the
 * {@link ReadingModel}, on a MiniCluster that runs Flink's Prometheus reporter as a local run does):
 * a burst of bearish $ACME headlines is streamed, and the page must rank $ACME first, list its alert
 * with the evidence, the words each score rests on and the version that scored it, and send an
 * analyst's relabel to the feedback topic. The same run's Prometheus endpoint must serve the job's
 * metrics. One job, broker, desk and browser for the class; each test only reads or acts on the page.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES) // the machine is shared; this bounds a hang, not speed
class DeskBrowserITCase {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final PrometheusEndpoint PROMETHEUS = PrometheusEndpoint.onPort(0, "a free port");

    @RegisterExtension
    static final MiniClusterExtension FLINK = ScoringRuns.miniCluster(PROMETHEUS);

    /** Scoring the stream, closing its windows and committing them takes well under a minute alone. */
    private static final Duration PAGE_WAIT = Duration.ofMinutes(4);
    private static final String ANALYST = "desk-it analyst";
    private static final int WIDTH = 1440;

    @TempDir static Path store;
    @TempDir static Path checkpoints;

    private static String version;
    private static String feedbackTopic;
    private static Desk desk;
    private static JobClient job;
    private static ChromeDriver browser;

    /**
     * Once, before the first test: not in {@code @BeforeAll}, since MiniClusterExtension makes its
     * cluster (the one with the Prometheus reporter) the execution environment only around each test,
     * and a job started before would run on a local cluster of its own.
     */
    @BeforeEach
    void startTheJobTheDeskAndTheBrowserAndStreamTheBurstOnce() throws Exception {
        if (desk != null) {
            return;
        }
        version = ReadingModel.trainAndPromote(store);
        PipelineTopics topics = PipelineTopics.create(KAFKA, "desk", 2);
        feedbackTopic = KAFKA.createUniqueTopic("desk-feedback", 1);
        Configuration conf = ScoringRuns.configuration(topics, store.toString(), checkpoints, false);
        conf.set(ScoringJobOptions.WINDOW_STATS_TOPIC, KAFKA.createUniqueTopic("desk-window-stats", 1));
        conf.set(DeskOptions.VERDICTS_TOPIC, KAFKA.createUniqueTopic("desk-verdicts", 1));
        conf.set(LearnerJobOptions.FEEDBACK_TOPIC, feedbackTopic);
        conf.set(DeskOptions.PORT, 0);
        // As in the demo: the desk is up before the stream, so the page fills as the job commits.
        desk = Desk.start(KAFKA.connection(), DeskConfig.fromConfiguration(conf));
        job = ScoringRuns.start(conf, KAFKA.connection());
        DeskStream stream = DeskStream.build(Path.of(System.getProperty("sentiflow.data.dir", "../shared/data")));
        new TopicIo(KAFKA).send(stream.events().stream().map(event -> record(topics.raw(), event)).toList());
        browser = HeadlessChromium.start(WIDTH, 1200);
        browser.get(desk.address());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (job != null) {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void ranksTheBurstEntityFirstAndShowsItsAlertWithEvidenceHighlightedWordsAndTheVersion() {
        await().until(page -> "ENTITY:ACME".equals(script("return document.querySelector("
                + "'#ranking tbody tr:first-child')?.dataset.key")));
        assertThat(browser.findElement(By.cssSelector("#ranking tbody tr:first-child .key-name")).getText())
                .isEqualTo(DeskStream.ENTITY);
        await().until(page -> {
            page.findElement(By.cssSelector("#ranking tbody tr:first-child")).click();
            return page.findElement(By.id("chart-title")).getText().startsWith("entity ACME");
        });

        openAcmeAlert();

        List<WebElement> evidence = browser.findElements(By.cssSelector("#alert-detail .evidence"));
        assertThat(evidence).isNotEmpty().allSatisfy(item -> {
            assertThat(item.getAttribute("data-text")).startsWith("burst-" + DeskStream.ENTITY + "-");
            assertThat(item.findElements(By.cssSelector(".text mark.top"))).as("highlighted words").isNotEmpty();
            assertThat(item.findElement(By.cssSelector(".p-bearish")).getText()).endsWith("%");
            assertThat(item.findElement(By.cssSelector(".model-version")).getText()).isEqualTo(version);
        });
        assertThat(browser.findElement(By.cssSelector("#alert-detail .alert-key")).getText()).isEqualTo("entity ACME");
        assertThat(browser.findElement(By.id("alert-detail")).getText()).doesNotContain("null");
        await().until(page -> version.equals(page.findElement(By.id("serving")).getText()));

        // The whole page in one picture: a window as tall as the page, seen from its top.
        script("window.scrollTo(0, 0)");
        long height = (Long) script("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(height, 4000)));
        DeskScreenshot.save(browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void relabellingAnEvidenceTextSendsItsLabeledTextToTheFeedbackTopic() {
        openAcmeAlert();
        WebElement analyst = browser.findElement(By.id("analyst"));
        analyst.clear();
        analyst.sendKeys(ANALYST);
        WebElement first = browser.findElement(By.cssSelector("#alert-detail .evidence"));
        By message = By.cssSelector("#alert-detail .evidence[data-text='" + first.getAttribute("data-text") + "'] .message");
        String text = first.findElement(By.cssSelector(".text")).getText();
        new Select(first.findElement(By.cssSelector("select.sentiment"))).selectByValue("Neutral");

        first.findElement(By.cssSelector("button.send-sentiment")).click();

        await().until(page -> page.findElement(message).getText().startsWith("Sent"));
        List<ConsumerRecord<byte[], byte[]>> sent = KAFKA.readAll(feedbackTopic, 1, Duration.ofSeconds(30));
        assertThat(sent).hasSize(1);
        Decoded<LabeledText> decoded = RecordCodec.labeledTexts().decode(sent.get(0).value());
        assertThat(decoded).isInstanceOf(Decoded.Ok.class);
        LabeledText label = ((Decoded.Ok<LabeledText>) decoded).value();
        assertThat(label.getText()).isEqualTo(text);
        assertThat(label.getTask()).isEqualTo(Task.SENTIMENT);
        assertThat(label.getLabel()).isEqualTo("Neutral");
        assertThat(label.getAnnotator()).isEqualTo(ANALYST);
    }

    @Test
    void thePrometheusEndpointServesTheJobsMetricsTheVersionGaugeAndEveryFlinkMetricADashboardQueries() {
        String versionLine = CodeMetrics.versionGauge() + "{";
        // Flink's reporter writes label values as it writes names: other characters than these become '_'.
        String versionLabel = "version=\"" + version.replaceAll("[^a-zA-Z0-9:_]", "_") + "\"";
        String[] scrape = {""};
        new FluentWait<>(PROMETHEUS).withTimeout(PAGE_WAIT).pollingEvery(Duration.ofMillis(500))
                .withMessage(() -> "no " + versionLine + "..." + versionLabel + "} 1.0 on " + PROMETHEUS.address()
                        + " (job " + jobStatus() + "); its lines of that gauge: " + scrape[0].lines()
                        .filter(line -> line.startsWith(versionLine)).toList())
                .until(endpoint -> {
                    scrape[0] = scrape(endpoint);
                    return scrape[0].lines().anyMatch(line -> line.startsWith(versionLine)
                            && line.contains(versionLabel) && value(line) == 1.0);
                });
        Set<String> served = names(scrape[0]);
        Set<String> ours = CodeMetrics.prometheusNames();
        Set<String> flinksOwn = GrafanaDashboards.locate().queriedMetrics().stream()
                .filter(name -> !ours.contains(name)).collect(Collectors.toSet());
        assertThat(flinksOwn).as("Flink's own metrics the dashboards query").isNotEmpty();
        assertThat(served).containsAll(flinksOwn)
                .contains(CodeMetrics.versionGauge())
                .anyMatch(name -> name.endsWith("_sentiflow_recordsScored"))
                .anyMatch(name -> name.endsWith("_sentiflow_endToEndLatencyMs"));
    }

    private static void openAcmeAlert() {
        By acme = By.xpath("//table[@id='alerts']//tr[td/span[@class='key-name' and text()='ACME']]");
        await().until(page -> {
            page.findElement(acme).click();
            return !page.findElements(By.cssSelector("#alert-detail .evidence")).isEmpty();
        });
    }

    private static WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT, Duration.ofMillis(250));
        // The page re-renders its tables on every update: an element found may be replaced before use.
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private static Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private static String scrape(PrometheusEndpoint endpoint) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(endpoint.address())).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String jobStatus() {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS).toString();
        } catch (Exception e) {
            return "status unknown: " + e;
        }
    }

    /** The value of a sample line, the text after its last space. */
    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }

    /** The metric names of a scrape. */
    private static Set<String> names(String scrape) {
        return scrape.lines().filter(line -> line.startsWith("flink_"))
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, TextEvent event) {
        return new ProducerRecord<>(topic, event.getId().getBytes(StandardCharsets.UTF_8),
                RecordCodec.textEvents().encode(event, WireFormat.AVRO));
    }
}
