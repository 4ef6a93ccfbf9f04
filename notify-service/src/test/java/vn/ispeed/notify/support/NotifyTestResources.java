package vn.ispeed.notify.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.PostgresResource;

/**
 * The real components every @QuarkusTest of this module runs against: Kafka, PostgreSQL (database
 * {@code notify}) and an SMTP server, each started once per JVM. Declared once here; Quarkus applies
 * non-restricted test resources to every test class.
 */
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "notify"))
@QuarkusTestResource(value = MailServerResource.class, restrictToAnnotatedClass = false)
public final class NotifyTestResources {
    private NotifyTestResources() {
    }
}
