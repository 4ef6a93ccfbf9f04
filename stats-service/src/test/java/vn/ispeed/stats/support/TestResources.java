package vn.ispeed.stats.support;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import vn.ispeed.testsupport.KafkaResource;
import vn.ispeed.testsupport.PostgresResource;

/**
 * The real components every @QuarkusTest of this module shares (one application start): Kafka,
 * PostgreSQL (database {@code stats}), locally signed tokens and a stand-in geo-service.
 */
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "stats"),
        restrictToAnnotatedClass = false)
@QuarkusTestResource(value = TestTokens.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = FakeGeoService.class, restrictToAnnotatedClass = false)
public final class TestResources {
    private TestResources() {
    }
}
