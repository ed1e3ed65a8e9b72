package io.sentiflow.desk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scored texts the desk holds: the newest {@code capacity} of them, the evidence of alerts
 * whatever their age (pinned, wanted before it arrives when the alert comes first), and the latest
 * few per topic and entity. Not thread safe; {@link DeskState} guards it.
 */
final class TextShelf {

    static final int PER_KEY = 20;

    private final int capacity;
    private final LinkedHashMap<String, TextView> recent = new LinkedHashMap<>();
    private final Map<String, TextView> pinned = new HashMap<>();
    private final Set<String> wanted = new HashSet<>();
    private final Map<String, Deque<String>> byKey = new HashMap<>();

    TextShelf(int capacity) {
        this.capacity = capacity;
    }

    void put(TextView text) {
        if (wanted.remove(text.id())) {
            pinned.put(text.id(), text);
        }
        recent.put(text.id(), text);
        if (recent.size() > capacity) {
            Iterator<String> eldest = recent.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        remember(DeskKeys.topic(text.topic()), text.id());
        text.entities().forEach(entity -> remember(DeskKeys.entity(entity), text.id()));
    }

    /** Keeps {@code id} for good: now if it is here, else when it arrives. */
    void pin(String id) {
        TextView text = recent.get(id);
        if (text != null) {
            pinned.put(id, text);
        } else if (!pinned.containsKey(id)) {
            wanted.add(id);
        }
    }

    Optional<TextView> get(String id) {
        TextView text = pinned.get(id);
        return Optional.ofNullable(text != null ? text : recent.get(id));
    }

    /** The latest texts about a key still on the shelf, newest first. */
    List<TextView> recent(String stateKey) {
        List<TextView> texts = new ArrayList<>();
        for (String id : byKey.getOrDefault(stateKey, new ArrayDeque<>())) {
            get(id).ifPresent(texts::add);
        }
        return texts;
    }

    private void remember(String stateKey, String id) {
        Deque<String> ids = byKey.computeIfAbsent(stateKey, key -> new ArrayDeque<>());
        ids.remove(id);
        ids.addFirst(id);
        while (ids.size() > PER_KEY) {
            ids.removeLast();
        }
    }
}
