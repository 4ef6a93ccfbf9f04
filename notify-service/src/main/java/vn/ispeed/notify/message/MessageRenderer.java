package vn.ispeed.notify.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import vn.ispeed.events.EventCodec;
import vn.ispeed.notify.config.NotifyConfig;
import vn.ispeed.notify.subscription.Subscription;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renders messages from the Qute templates under {@code templates/<kind>/<language>.txt|html}; the
 * webhook body is the same content as JSON. Rendered once when a delivery is created, so every
 * retry sends the same words.
 */
@ApplicationScoped
public class MessageRenderer {
    private final Engine engine;
    private final NotifyConfig config;
    private final ObjectMapper json = EventCodec.newMapper();

    public MessageRenderer(Engine engine, NotifyConfig config) {
        this.engine = engine;
        this.config = config;
    }

    public Message coverageChanges(UUID deliveryId, String eventKey, Subscription s, String provinceName,
                                   List<Change> changes) {
        String subject = Labels.coverageSubject(provinceName, (int) changes.stream().map(Change::unitCode).distinct().count(),
                changes.stream().map(Change::level).toList(), s.language);
        Map<String, Object> data = base(s, provinceName, subject);
        data.put("changes", changes);
        data.put("unitsLabel", Labels.units(changes.stream().map(Change::level).toList(), s.language));
        data.put("count", changes.stream().map(Change::unitCode).distinct().count());
        data.put("windowMinutes", Math.max(1, config.coalesceWindow().toMinutes()));
        ObjectNode body = envelope(deliveryId, eventKey, Subscription.COVERAGE_CHANGES, s, provinceName, subject);
        body.set("changes", json.valueToTree(changes));
        return render(Subscription.COVERAGE_CHANGES, s.language, data, body);
    }

    public Message digest(UUID deliveryId, String eventKey, Subscription s, String provinceName, DigestContent digest) {
        String subject = Labels.digestSubject(provinceName, digest.week(), s.language);
        Map<String, Object> data = base(s, provinceName, subject);
        data.put("digest", digest);
        ObjectNode body = envelope(deliveryId, eventKey, Subscription.WEEKLY_DIGEST, s, provinceName, subject);
        body.set("digest", json.valueToTree(digest));
        return render(Subscription.WEEKLY_DIGEST, s.language, data, body);
    }

    private Map<String, Object> base(Subscription s, String provinceName, String subject) {
        Map<String, Object> data = new HashMap<>();
        data.put("subject", subject);
        data.put("province", provinceName);
        data.put("provinceCode", s.provinceCode);
        data.put("boundarySet", s.boundarySet);
        data.put("portalUrl", config.portalUrl());
        return data;
    }

    private ObjectNode envelope(UUID deliveryId, String eventKey, String kind, Subscription s, String provinceName,
                                String subject) {
        ObjectNode body = json.createObjectNode();
        body.put("deliveryId", deliveryId.toString());
        body.put("subscriptionId", s.id.toString());
        body.put("kind", kind);
        body.put("eventKey", eventKey);
        body.put("boundarySet", s.boundarySet);
        body.putObject("province").put("code", s.provinceCode).put("name", provinceName);
        body.put("language", s.language);
        body.put("subject", subject);
        body.put("portalUrl", config.portalUrl());
        return body;
    }

    private Message render(String kind, String language, Map<String, Object> data, ObjectNode body) {
        String lang = Labels.en(language) ? "en" : "vi";
        String text = template(kind + "/" + lang + ".txt").data(data).render();
        String html = template(kind + "/" + lang + ".html").data(data).render();
        body.put("text", text);
        try {
            return new Message((String) data.get("subject"), text, html, json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write webhook body", e);
        }
    }

    private Template template(String id) {
        Template t = engine.getTemplate(id);
        if (t == null) {
            throw new IllegalStateException("missing template " + id);
        }
        return t;
    }
}
