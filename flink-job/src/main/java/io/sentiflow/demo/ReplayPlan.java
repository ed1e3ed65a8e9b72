package io.sentiflow.demo;

import io.sentiflow.schema.TextEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The demo's stream, decided before it starts: background texts evenly spaced in event time from
 * the origin, and the spike's texts woven in a third of the way through. Immutable.
 *
 * @param events every text to send, in event-time order
 * @param spikeStart event time of the first spike text
 * @param spikeEnd event time just after the last spike text
 * @param spikeTexts how many texts the spike has
 */
public record ReplayPlan(List<TextEvent> events, Instant spikeStart, Instant spikeEnd, int spikeTexts) {

    /**
     * The spike: more than twice the detector's default minimum volume (20) of distinct texts, and
     * abrupt. A slow ramp would not fire: its first windows, too small to be judged elevated, count
     * as calm, and the key's baseline learns the rising share from them.
     */
    public static final int SPIKE_TEXTS = 48;
    public static final Duration SPIKE_LENGTH = Duration.ofMinutes(3);
    /**
     * Event time the stream must run on after the spike, so its windows close and its episode
     * resolves while texts still move the clock: a 10-minute window, 5 quiet slides and lateness.
     */
    public static final Duration AFTER_SPIKE = Duration.ofMinutes(20);
    private static final Duration EARLIEST_SPIKE = Duration.ofMinutes(15);
    private static final String SOURCE = "twitter-replay";

    public ReplayPlan {
        events = List.copyOf(events);
    }

    /** The plan for {@code settings} over {@code texts} (see {@link DemoTexts#load}). */
    public static ReplayPlan of(DemoSettings settings, List<DemoTexts.Text> texts) {
        long gapMs = Math.round(60_000.0 / settings.textsPerMinute());
        int count = texts.size();
        if (settings.duration() != null) {
            long eventMs = (long) (settings.duration().toMillis() * settings.speedup());
            count = (int) Math.min(count, eventMs / gapMs);
        }
        Duration span = Duration.ofMillis(count * gapMs);
        // On a whole minute, so the first window holding the spike holds a full minute of it.
        Duration spikeOffset = max(EARLIEST_SPIKE, Duration.ofMinutes(span.dividedBy(3).toMinutes()));
        Duration needed = spikeOffset.plus(SPIKE_LENGTH).plus(AFTER_SPIKE);
        if (span.compareTo(needed) < 0) {
            throw new IllegalArgumentException(String.format(
                    "the stream is too short for the spike: it needs %d event minutes (%d s at --speedup %s),"
                            + " it has %d; raise --duration or --speedup",
                    needed.toMinutes(), settings.realTime(needed).toSeconds(), settings.speedup(), span.toMinutes()));
        }
        List<TextEvent> events = new ArrayList<>(count + SPIKE_TEXTS);
        Instant origin = settings.origin();
        for (int i = 0; i < count; i++) {
            DemoTexts.Text text = texts.get(i);
            events.add(event(text.id(), text.text(), origin.plusMillis(i * gapMs), null));
        }
        Instant spikeStart = origin.plus(spikeOffset);
        long spikeGapMs = SPIKE_LENGTH.toMillis() / SPIKE_TEXTS;
        List<String> spike = SpikeTexts.about(settings.spikeEntity(), SPIKE_TEXTS);
        for (int i = 0; i < spike.size(); i++) {
            // Offset by half a gap so a spike text never shares a millisecond with a background text.
            Instant at = spikeStart.plusMillis(i * spikeGapMs + spikeGapMs / 2);
            events.add(event("spike-" + settings.spikeEntity() + "-" + (i + 1), spike.get(i), at, settings.spikeEntity()));
        }
        events.sort(Comparator.comparing(TextEvent::getPublishedAt));
        return new ReplayPlan(events, spikeStart, spikeStart.plus(SPIKE_LENGTH), spike.size());
    }

    /** Event time of the last text. */
    public Instant lastEventTime() {
        return events.isEmpty() ? Instant.EPOCH : events.get(events.size() - 1).getPublishedAt();
    }

    private static TextEvent event(String id, String text, Instant publishedAt, String entity) {
        return TextEvent.newBuilder()
                .setId(id)
                .setSource(SOURCE)
                .setText(text)
                .setPublishedAt(publishedAt)
                .setLang("en")
                .setEntities(entity == null ? null : List.of(entity))
                .setAttributes(entity == null ? null : Map.of("demo", "injected spike"))
                .build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
