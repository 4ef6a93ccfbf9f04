package vn.ispeed.testsupport;

import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The realm of dev/keycloak, served by a real Keycloak, issues the claims the services rely on. */
class KeycloakResourceTest {

    @Test
    void a_department_token_carries_its_province_and_role() {
        String payload = KeycloakResource.payload(KeycloakResource.accessToken("dept-hanoi", "dept-hanoi"));

        assertThat(payload).contains("\"province\":\"01\"");
        assertThat(payload).containsPattern("\"realm_access\":\\{\"roles\":\\[[^\\]]*\"department\"");
        assertThat(payload).containsPattern("\"groups\":\\[[^\\]]*\"department\"");
        assertThat(payload).contains("\"iss\":\"" + KeycloakResource.authServerUrl() + "\"");
    }

    @Test
    void the_other_province_and_the_ministry_get_their_own_claims() {
        assertThat(KeycloakResource.payload(KeycloakResource.accessToken("dept-hcm", "dept-hcm"))).contains("\"province\":\"79\"");
        String ministry = KeycloakResource.payload(KeycloakResource.accessToken("ministry", "ministry"));
        assertThat(ministry).containsPattern("\"roles\":\\[[^\\]]*\"ministry\"").doesNotContain("\"province\"");
    }

    @Test
    void a_wrong_password_is_refused() {
        HttpResponse<String> response = KeycloakResource.tokenRequest("dept-hanoi", "not-the-password");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_grant");
        assertThatThrownBy(() -> KeycloakResource.accessToken("dept-hanoi", "not-the-password"))
                .hasMessageContaining("invalid_grant");
    }

    @Test
    void the_resource_points_quarkus_oidc_at_the_realm() {
        var config = new KeycloakResource().start();

        assertThat(config).containsEntry("quarkus.oidc.auth-server-url", KeycloakResource.authServerUrl())
                .containsEntry("quarkus.oidc.client-id", "ispeed-services")
                .containsEntry("quarkus.oidc.credentials.secret", "ispeed-services-secret");
        assertThat(KeycloakResource.authServerUrl()).matches("http://127\\.0\\.0\\.1:\\d+/realms/ispeed");
    }
}
