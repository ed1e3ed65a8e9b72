package io.sentiflow.it.desk;

import io.sentiflow.demo.DemoTexts;
import io.sentiflow.demo.SpikeTexts;
import io.sentiflow.schema.TextEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the desk's browser test streams: {@value #MINUTES} minutes of event time ending about now, a
 * valid-set tweet every {@value #BACKGROUND_EVERY_SECONDS} s (none names $ACME), and from minute
 * {@value #BURST_FROM_MINUTE} a burst of {@value #BURST_TEXTS} bearish $ACME headlines (the demo's
 * spike texts), one every {@value #BURST_EVERY_SECONDS} s. The stream goes on past the burst long
 * enough for its windows to close, and stops while $ACME's newest window still holds most of the
 * burst, so the desk ranks it first.
 *
 * @param events every text, in order of publication; the burst's ids start with {@code burst-ACME-}
 */
record DeskStream(List<TextEvent> events) {

    static final String ENTITY = "ACME";
    static final int MINUTES = 24;
    static final int BACKGROUND_EVERY_SECONDS = 5;
    static final int BURST_FROM_MINUTE = 12;
    static final int BURST_TEXTS = 40;
    static final int BURST_EVERY_SECONDS = 6;

    DeskStream {
        events = List.copyOf(events);
    }

    static DeskStream build(Path dataDir) {
        // Whole minutes, so the windows the page shows start on the minute.
        Instant start = Instant.ofEpochSecond(Instant.now().getEpochSecond() / 60 * 60).minus(Duration.ofMinutes(MINUTES));
        List<DemoTexts.Text> background = DemoTexts.load(dataDir);
        List<TextEvent> events = new ArrayList<>();
        int count = MINUTES * 60 / BACKGROUND_EVERY_SECONDS;
        for (int i = 0; i < count; i++) {
            DemoTexts.Text text = background.get(i);
            events.add(event(text.id(), text.text(), start.plusSeconds((long) i * BACKGROUND_EVERY_SECONDS)));
        }
        List<String> headlines = SpikeTexts.about(ENTITY, BURST_TEXTS);
        Instant burstStart = start.plus(Duration.ofMinutes(BURST_FROM_MINUTE)).plusSeconds(3);
        for (int i = 0; i < BURST_TEXTS; i++) {
            events.add(event("burst-" + ENTITY + "-" + i, headlines.get(i), burstStart.plusSeconds((long) i * BURST_EVERY_SECONDS)));
        }
        events.sort(Comparator.comparing(TextEvent::getPublishedAt));
        return new DeskStream(events);
    }

    private static TextEvent event(String id, String text, Instant publishedAt) {
        return TextEvent.newBuilder().setId(id).setSource("desk-it").setText(text).setPublishedAt(publishedAt).build();
    }
}
