package vn.ispeed.events.kafka;

import org.apache.kafka.common.serialization.Serializer;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.IspeedEvent;

/** Kafka value serializer for every event, in the one JSON form of {@link EventCodec}. */
public class EventSerializer implements Serializer<IspeedEvent> {
    private final EventCodec codec = EventCodec.standard();

    @Override
    public byte[] serialize(String topic, IspeedEvent event) {
        return event == null ? null : codec.encode(event);
    }
}
