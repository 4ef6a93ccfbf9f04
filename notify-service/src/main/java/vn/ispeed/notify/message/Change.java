package vn.ispeed.notify.message;

import java.time.Instant;

/** One unit's coverage change as a message shows it (labels already in the subscriber's language). */
@io.quarkus.qute.TemplateData
public record Change(String unitCode, String unitName, String level, String network, String networkLabel,
                     String period, String previous, String previousLabel, String status, String statusLabel,
                     boolean published, long tests, long devices, long needTests, long needDevices,
                     String needsLabel, Instant changedAt) {
}
