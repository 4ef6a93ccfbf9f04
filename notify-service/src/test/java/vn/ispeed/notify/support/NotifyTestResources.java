package vn.ispeed.notify.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import vn.ispeed.testsupport.GreenMailResource;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.PostgresResource;

/**
 * The real components every @QuarkusTest of this module runs against: Kafka, PostgreSQL (database
 * {@code notify}) and an SMTP server, each started once per JVM, and a stand-in for stats-service. Declared once here; Quarkus applies
 * non-restricted test resources to every test class.
 */
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "notify"))
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = StatsStubResource.class, restrictToAnnotatedClass = false)
public final class NotifyTestResources {
    private NotifyTestResources() {
    }
}
