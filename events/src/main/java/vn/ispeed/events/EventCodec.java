package vn.ispeed.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The one JSON form of every event: an object whose first field is {@code type}, the stable
 * name from {@link EventTypes}, followed by the record's fields (camelCase, instants as
 * ISO-8601 strings, nulls omitted). Unknown fields are ignored so additive changes stay
 * compatible; an unknown type, a missing field or a wrongly typed one fails with an
 * {@link EventFormatException} naming both.
 */
public final class EventCodec {
    public static final String TYPE_FIELD = "type";

    private static final EventCodec DEFAULT = new EventCodec(List.of());

    private final ObjectMapper mapper;
    private final Map<String, Upcaster> upcasters;

    public EventCodec(List<Upcaster> upcasters) {
        this.mapper = newMapper();
        this.upcasters = new ConcurrentHashMap<>(
                upcasters.stream().collect(Collectors.toMap(Upcaster::fromType, u -> u)));
    }

    public static EventCodec standard() {
        return DEFAULT;
    }

    /** The mapper every service uses for events: one JSON form across the platform. */
    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                // correctly rounded like Double.parseDouble, without its allocations (a fifth of decoding an event)
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public EventCodec withUpcaster(Upcaster upcaster) {
        List<Upcaster> all = new java.util.ArrayList<>(upcasters.values());
        all.add(upcaster);
        return new EventCodec(all);
    }

    public ObjectNode toTree(IspeedEvent event) {
        ObjectNode node = mapper.createObjectNode();
        @SuppressWarnings("unchecked")
        String type = EventTypes.nameOf((Class<? extends IspeedEvent>) event.getClass());
        node.put(TYPE_FIELD, type);
        node.setAll((ObjectNode) mapper.valueToTree(event));
        return node;
    }

    public byte[] encode(IspeedEvent event) {
        try {
            return mapper.writeValueAsBytes(toTree(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(IspeedEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    public IspeedEvent decode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            throw new EventFormatException(null, null, "empty payload", null);
        }
        Class<? extends IspeedEvent> direct = currentTypeOf(payload);
        if (direct != null) {
            try {
                return mapper.readValue(payload, direct); // the type field is ignored as an unknown property
            } catch (IOException | RuntimeException e) {
                // read again through the tree below, which names the field at fault
            }
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(payload);
        } catch (IOException e) {
            throw new EventFormatException(null, null, "malformed JSON: " + firstLine(e.getMessage()), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new EventFormatException(null, null, "payload is not a JSON object", null);
        }
        return decodeTree((ObjectNode) tree);
    }

    private static final byte[] TYPE_PREFIX = ("{\"" + TYPE_FIELD + "\":\"").getBytes(StandardCharsets.UTF_8);

    /**
     * The class of a payload written by {@link #encode} for a current type ({@code {"type":"Name",...}}
     * with no upcast to apply), read from its first bytes; null for anything else, which then takes
     * the tree path. The tree path costs about three times as much and the projections read
     * millions of events.
     */
    private static Class<? extends IspeedEvent> currentTypeOf(byte[] payload) {
        int n = TYPE_PREFIX.length;
        if (payload.length <= n + 1 || !Arrays.equals(payload, 0, n, TYPE_PREFIX, 0, n)) {
            return null;
        }
        for (int i = n; i < payload.length && i < n + 64; i++) {
            byte b = payload[i];
            if (b == '"') {
                return i + 1 < payload.length && payload[i + 1] == ','
                        ? EventTypes.classOf(new String(payload, n, i - n, StandardCharsets.US_ASCII)).orElse(null)
                        : null;
            }
            if (b == '\\' || b < 0x20 || b > 0x7e) {
                return null;
            }
        }
        return null;
    }

    public <T extends IspeedEvent> T decode(byte[] payload, Class<T> expected) {
        IspeedEvent event = decode(payload);
        if (!expected.isInstance(event)) {
            throw new EventFormatException(EventTypes.nameOf(event.getClass()), null,
                    "expected an event of family " + expected.getSimpleName(), null);
        }
        return expected.cast(event);
    }

    public IspeedEvent decodeTree(ObjectNode original) {
        JsonNode typeNode = original.get(TYPE_FIELD);
        if (typeNode == null || !typeNode.isTextual()) {
            throw new EventFormatException(null, TYPE_FIELD, "missing or not a string", null);
        }
        String type = typeNode.asText();
        ObjectNode payload = original.deepCopy();
        int guard = 0;
        while (EventTypes.classOf(type).isEmpty()) {
            Upcaster upcaster = upcasters.get(type);
            if (upcaster == null || ++guard > 32) {
                throw new EventFormatException(type, TYPE_FIELD, "unknown event type", null);
            }
            payload.remove(TYPE_FIELD);
            payload = upcaster.upcast(payload);
            type = upcaster.toType();
        }
        payload.remove(TYPE_FIELD);
        Class<? extends IspeedEvent> target = EventTypes.classOf(type).orElseThrow();
        try {
            return mapper.treeToValue(payload, target);
        } catch (JsonMappingException e) {
            throw new EventFormatException(type, fieldOf(e), reason(e), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new EventFormatException(type, null, firstLine(e.getMessage()), e);
        }
    }

    private static String fieldOf(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause instanceof Require.MissingFieldException missing) {
            String prefix = pathOf(e.getPath().subList(0, Math.max(0, e.getPath().size())));
            String own = missing.field();
            return prefix.isEmpty() || own.startsWith(prefix) ? own : prefix + "." + own;
        }
        String path = pathOf(e.getPath());
        return path.isEmpty() ? null : path;
    }

    private static String reason(JsonMappingException e) {
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException && cause != null) {
            return cause.getMessage();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            String target = mismatch.getTargetType().getSimpleName();
            String msg = firstLine(e.getOriginalMessage());
            if (msg.contains("Missing required creator property") || msg.contains("Null value for creator property")) {
                return "required field is missing or null";
            }
            return "wrong type, expected " + target;
        }
        return firstLine(e.getOriginalMessage());
    }

    private static String pathOf(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
