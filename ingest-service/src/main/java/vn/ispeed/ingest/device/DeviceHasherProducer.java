package vn.ispeed.ingest.device;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import vn.ispeed.ingest.config.IngestConfig;

public class DeviceHasherProducer {
    /** The secret application.properties ships for dev and test; never valid in production. */
    public static final String DEVELOPMENT_SECRET = "ispeed-dev-only-device-hash-secret-change-me";
    private static final Logger LOG = Logger.getLogger(DeviceHasherProducer.class);

    @Produces
    @Singleton
    @Startup
    DeviceHasher deviceHasher(IngestConfig config) {
        String secret = config.deviceHash().secret();
        if (DEVELOPMENT_SECRET.equals(secret)) {
            LOG.warn("event=device-hash-secret-default message=\"ingest.device-hash.secret is the development default;"
                    + " set INGEST_DEVICE_HASH_SECRET in production\"");
        }
        return new DeviceHasher(secret);
    }
}
