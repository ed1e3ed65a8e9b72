package io.sentiflow.desk;

import io.sentiflow.schema.KeyKind;

/** The desk's names of alert keys, {@code TOPIC:name} and {@code ENTITY:name}, as the detector keys its state. */
final class DeskKeys {

    private DeskKeys() {}

    static String of(KeyKind kind, String key) {
        return kind.name() + ':' + key;
    }

    static String topic(String topic) {
        return of(KeyKind.TOPIC, topic);
    }

    static String entity(String entity) {
        return of(KeyKind.ENTITY, entity);
    }
}
