package vn.ispeed.events.kafka;

import org.apache.kafka.common.serialization.Deserializer;
import vn.ispeed.events.EventCodec;
import vn.ispeed.events.EventFormatException;
import vn.ispeed.events.IspeedEvent;

/**
 * Kafka value deserializer for every event. A payload that is not a valid event throws
 * {@link EventFormatException} (naming type and field) rather than returning null; consumers
 * that must keep a partition going read raw bytes and call {@link EventCodec#decode(byte[])}
 * themselves so they can dead-letter the record with that message.
 */
public class EventDeserializer implements Deserializer<IspeedEvent> {
    private final EventCodec codec = EventCodec.standard();

    @Override
    public IspeedEvent deserialize(String topic, byte[] data) {
        return data == null ? null : codec.decode(data);
    }
}
