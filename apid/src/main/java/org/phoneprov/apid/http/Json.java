package org.phoneprov.apid.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The API's one JSON mapper: strict on input (duplicate keys refused), stable on output. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private Json() {
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serializable: " + value.getClass(), e);
        }
    }

    /** A request body as a JSON object, or why it is not one. */
    public static ObjectNode object(byte[] body) throws BadRequest {
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequest("the body is not JSON");
        }
        if (!(n instanceof ObjectNode o)) {
            throw new BadRequest("the body must be a JSON object");
        }
        return o;
    }

    /** Input that cannot be read at all: 400. */
    public static final class BadRequest extends Exception {
        public BadRequest(String message) {
            super(message);
        }
    }

    public static ObjectNode newObject() {
        return MAPPER.createObjectNode();
    }
}
