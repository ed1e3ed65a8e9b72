package io.sentiflow.desk;

import io.sentiflow.desk.DeskViews.AlertDetail;
import io.sentiflow.desk.DeskViews.EpisodeRow;
import io.sentiflow.desk.DeskViews.EvidenceView;
import io.sentiflow.desk.DeskViews.KafkaView;
import io.sentiflow.desk.DeskViews.KeyDetail;
import io.sentiflow.desk.DeskViews.Overview;
import io.sentiflow.desk.DeskViews.RankedKey;
import io.sentiflow.schema.AlertVerdict;
import io.sentiflow.schema.KeyKind;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.WindowStatistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the desk knows, built only from the topics it reads: the reader thread adds records, the
 * web server's threads read views. Thread safe: every method holds the instance's lock; {@link
 * #version()} moves on with every change, so the page is told when to look again.
 */
public final class DeskState {

    static final int RANKED = 25;
    static final int LISTED_ALERTS = 50;

    private final KeyWindows windows;
    private final AlertLog alerts;
    private final TextShelf texts;
    private final ModelLog models = new ModelLog();
    private final VerdictLog verdicts = new VerdictLog();
    private final Rates scoredRate = new Rates();
    private final Rates deadLetterRate = new Rates();
    private final Map<String, Long> undecodable = new TreeMap<>();
    private final AtomicLong version = new AtomicLong();
    private KafkaView kafka = new KafkaView(false, 0, "not checked yet");
    private List<String> missingTopics = List.of();

    public DeskState(DeskConfig config) {
        // A key whose last window is five slides behind the newest has gone quiet: off the ranking.
        this.windows = new KeyWindows(config.history(), config.windowSlide().multipliedBy(5));
        this.alerts = new AlertLog(config.history());
        this.texts = new TextShelf(config.maxTexts());
    }

    /** Moves on with every change. */
    public long version() {
        return version.get();
    }

    synchronized void scored(ScoredText text, long timestamp) {
        TextView view = TextView.of(text);
        texts.put(view);
        models.scored(view);
        scoredRate.record(timestamp);
        changed();
    }

    synchronized void deadLetter(long timestamp) {
        deadLetterRate.record(timestamp);
        changed();
    }

    synchronized void alert(SentimentAlert alert, long now) {
        alert.getEvidence().forEach(evidence -> texts.pin(evidence.getId()));
        alerts.add(AlertView.of(alert));
        alerts.prune(now);
        changed();
    }

    synchronized void window(WindowStatistics statistics) {
        windows.add(statistics);
        changed();
    }

    synchronized void announced(ModelUpdate update, long timestamp) {
        models.announced(update, timestamp);
        changed();
    }

    synchronized void verdict(AlertVerdict verdict) {
        verdicts.add(verdict);
        changed();
    }

    synchronized void undecodable(String topic) {
        undecodable.merge(topic, 1L, Long::sum);
        changed();
    }

    synchronized void kafka(boolean up, String problem, long now) {
        if (kafka.up() != up || kafka.since() == 0) {
            kafka = new KafkaView(up, now, problem);
            changed();
        }
    }

    synchronized void missingTopics(List<String> topics) {
        if (!topics.equals(missingTopics)) {
            missingTopics = List.copyOf(topics);
            changed();
        }
    }

    /** Drops windows of keys quiet for longer than the history. */
    synchronized void prune() {
        windows.prune();
    }

    public synchronized KafkaView kafka() {
        return kafka;
    }

    public synchronized Overview overview(long now) {
        List<RankedKey> ranking = new ArrayList<>();
        for (KeyWindows.Ranked key : windows.ranking(RANKED)) {
            VerdictLog.Count count = verdicts.ofKey(key.kind(), key.key());
            ranking.add(new RankedKey(key.kind(), key.key(), key.latest(), key.spark(), count.useful(), count.noise()));
        }
        List<EpisodeRow> rows = new ArrayList<>();
        for (Episode episode : alerts.newest(LISTED_ALERTS)) {
            VerdictLog.Count count = verdicts.ofAlert(episode.alertId());
            rows.add(new EpisodeRow(episode, count.useful(), count.noise()));
        }
        long newest = windows.newestEnd();
        return new Overview(now, kafka, models.status(), scoredRate.perSecond(now), deadLetterRate.perSecond(now),
                newest == Long.MIN_VALUE ? null : newest, windows.keyCount(), ranking, rows, Map.copyOf(undecodable),
                missingTopics);
    }

    public synchronized KeyDetail key(KeyKind kind, String key) {
        VerdictLog.Count count = verdicts.ofKey(kind.name(), key);
        return new KeyDetail(kind.name(), key, windows.series(kind, key), alerts.of(kind.name(), key),
                texts.recent(DeskKeys.of(kind, key)), count.useful(), count.noise());
    }

    /** An alert with the scored records of its evidence, where the desk has them (no word weights yet). */
    public synchronized Optional<AlertDetail> alert(String alertId) {
        return alerts.get(alertId).map(episode -> {
            List<EvidenceView> evidence = new ArrayList<>();
            AlertView shown = episode.firing() != null ? episode.firing() : episode.resolved();
            for (AlertView.Evidence named : shown.evidence()) {
                evidence.add(new EvidenceView(named, texts.get(named.id()).orElse(null), null,
                        texts.get(named.id()).isPresent() ? null : "the desk has not read this text's scored record"
                                + " (older than its look-back); the alert's own snippet and P(bearish) are shown"));
            }
            VerdictLog.Count count = verdicts.ofAlert(alertId);
            return new AlertDetail(episode, evidence, count.useful(), count.noise());
        });
    }

    public synchronized Optional<Episode> episode(String alertId) {
        return alerts.get(alertId);
    }

    public synchronized Optional<TextView> text(String id) {
        return texts.get(id);
    }

    private void changed() {
        version.incrementAndGet();
    }
}
