package vn.ispeed.stats.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.LocationEvent;
import vn.ispeed.events.MeasurementLocated;
import vn.ispeed.events.MeasurementUnlocated;

import java.time.Instant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a poll batch into events, poison records (with the reason) and the next offset per partition. Events of a
 * re-located set from before its relocation ({@link RelocationCutoffs}) are left out: the relocation's own events
 * replace them.
 */
public final class BatchDecoder {
    private static final EventCodec CODEC = EventCodec.standard();

    public record Poison(ConsumerRecord<String, byte[]> record, String reason) {
    }

    public record Decoded(List<LocationEvent> events, List<Poison> poison, List<Projector.Position> positions, int superseded) {
    }

    private BatchDecoder() {
    }

    public static Decoded decode(Iterable<ConsumerRecord<String, byte[]>> records) {
        return decode(records, Map.of());
    }

    /** @param cutoffs per set, the instant before which its events were superseded by a relocation */
    public static Decoded decode(Iterable<ConsumerRecord<String, byte[]>> records, Map<String, Instant> cutoffs) {
        int superseded = 0;
        List<LocationEvent> events = new ArrayList<>();
        List<Poison> poison = new ArrayList<>();
        Map<String, Projector.Position> positions = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            positions.put(r.topic() + "/" + r.partition(), new Projector.Position(r.topic(), r.partition(), r.offset() + 1));
            try {
                LocationEvent e = CODEC.decode(r.value(), LocationEvent.class);
                if (e instanceof MeasurementLocated l && !l.path().get(0).level().equals("province")) {
                    poison.add(new Poison(r, "path must start with a province"));
                    continue;
                }
                Instant cutoff = cutoffs.isEmpty() ? null : cutoffs.get(e.boundarySet());
                if (cutoff != null && decidedAt(e).isBefore(cutoff)) {
                    superseded++;
                    continue;
                }
                events.add(e);
            } catch (RuntimeException e) {
                poison.add(new Poison(r, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }
        return new Decoded(events, poison, new ArrayList<>(positions.values()), superseded);
    }

    private static Instant decidedAt(LocationEvent e) {
        return e instanceof MeasurementLocated l ? l.locatedAt() : ((MeasurementUnlocated) e).decidedAt();
    }
}
