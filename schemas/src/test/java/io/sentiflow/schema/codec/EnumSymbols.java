package io.sentiflow.schema.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.apache.avro.Schema;

/** Rewrites the enums of a schema as a later or careless release might: by editing its JSON. */
final class EnumSymbols {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EnumSymbols() {
    }

    /** {@code schema} with {@code symbol} appended to every enum, as a writer that added one would have it. */
    static Schema withAddedSymbol(Schema schema, String symbol) {
        return rewrite(schema, null, anEnum -> ((ArrayNode) anEnum.get("symbols")).add(symbol));
    }

    /** {@code schema} with the default of the enum named {@code enumName} removed. */
    static Schema withoutDefault(Schema schema, String enumName) {
        return rewrite(schema, enumName, anEnum -> anEnum.remove("default"));
    }

    private static Schema rewrite(Schema schema, String enumName, Consumer<ObjectNode> edit) {
        try {
            JsonNode tree = JSON.readTree(schema.toString());
            visit(tree, enumName, edit);
            return new Schema.Parser().parse(JSON.writeValueAsString(tree));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void visit(JsonNode node, String enumName, Consumer<ObjectNode> edit) {
        if (node instanceof ObjectNode object && "enum".equals(object.path("type").asText())
                && (enumName == null || enumName.equals(object.path("name").asText()))) {
            edit.accept(object);
        }
        node.forEach(child -> visit(child, enumName, edit));
    }
}
