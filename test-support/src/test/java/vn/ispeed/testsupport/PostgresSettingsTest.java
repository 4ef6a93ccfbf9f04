package vn.ispeed.testsupport;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresSettingsTest {

    @Test
    void settingsAreNameValuePairsSeparatedByCommasOrSpaces() {
        assertThat(PostgresResource.extraSettings("shared_buffers=1GB, max_wal_size=4GB checkpoint_timeout=15min"))
                .containsExactly(Map.entry("shared_buffers", "1GB"), Map.entry("max_wal_size", "4GB"),
                        Map.entry("checkpoint_timeout", "15min"));
        assertThat(PostgresResource.extraSettings("  ")).isEmpty();
    }

    @Test
    void anythingElseIsRefusedWithTheItem() {
        assertThatThrownBy(() -> PostgresResource.extraSettings("shared_buffers"))
                .hasMessageContaining("'shared_buffers'");
        assertThatThrownBy(() -> PostgresResource.extraSettings("=1GB")).hasMessageContaining("name=value");
        assertThatThrownBy(() -> PostgresResource.extraSettings("fsync;drop=1")).hasMessageContaining("fsync;drop=1");
    }
}
