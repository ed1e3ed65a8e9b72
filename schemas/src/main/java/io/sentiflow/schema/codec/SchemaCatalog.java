package io.sentiflow.schema.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sentiflow.schema.LabeledText;
import io.sentiflow.schema.LearnerCommand;
import io.sentiflow.schema.ModelUpdate;
import io.sentiflow.schema.ScoredText;
import io.sentiflow.schema.SentimentAlert;
import io.sentiflow.schema.TextEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every schema a Sentiflow topic may carry, for consumers that do not have Sentiflow's classes: of each topic
 * record the current schema and the older writer schemas its codec still reads ({@link SchemaHistory}), so that
 * a consumer holding all of them decodes any single-object payload Sentiflow writes or accepts.
 *
 * <p>Stateless; thread-safe.
 */
public final class SchemaCatalog {

    /** The records of Sentiflow's topics: news.raw, news.scored, alerts, model.updates, feedback.labels, learner.control. */
    public static final List<Class<? extends SpecificRecord>> TOPIC_RECORDS = List.of(TextEvent.class,
            ScoredText.class, SentimentAlert.class, ModelUpdate.class, LabeledText.class, LearnerCommand.class);

    private static final String JAVA_STRING = "avro.java.string";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaCatalog() {
    }

    /** The schemas of every topic record, each record's current one first, then its older ones, oldest first. */
    public static List<PublishedSchema> all() {
        List<PublishedSchema> schemas = new ArrayList<>();
        TOPIC_RECORDS.forEach(type -> schemas.addAll(of(type)));
        return List.copyOf(schemas);
    }

    /**
     * The schemas of one record class: the current one first, then the older writer schemas, oldest first.
     *
     * @throws IllegalStateException if a history resource is unreadable or incompatible with the current schema
     */
    public static List<PublishedSchema> of(Class<? extends SpecificRecord> type) {
        Schema current = SpecificData.getForClass(Objects.requireNonNull(type, "type")).getSchema(type);
        List<PublishedSchema> schemas = new ArrayList<>();
        schemas.add(new PublishedSchema(withoutJavaProperties(current), PublishedSchema.CURRENT));
        List<Schema> older = SchemaHistory.olderWriterSchemas(current, type.getClassLoader());
        for (int version = 0; version < older.size(); version++) {
            schemas.add(new PublishedSchema(older.get(version), "v" + version));
        }
        return List.copyOf(schemas);
    }

    /**
     * The generated classes' schemas carry {@value #JAVA_STRING}, which only tells Avro's Java library which string
     * class to use; other languages have no use for it (the fingerprint never includes it).
     */
    private static Schema withoutJavaProperties(Schema schema) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            tree.findParents(JAVA_STRING).forEach(parent -> ((ObjectNode) parent).remove(JAVA_STRING));
            return new Schema.Parser().parse(JSON.writeValueAsString(tree));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot publish the schema of " + schema.getFullName(), e);
        }
    }
}
