package vn.ispeed.ingest.device;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceHasherTest {

    @Test
    void isHmacSha256InLowerCaseHex() {
        DeviceHasher hasher = new DeviceHasher("0123456789abcdef0123456789abcdef");
        // printf 'install-0001' | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
        assertThat(hasher.deviceId("install-0001"))
                .isEqualTo("ed18be2efcf177725ee2a3a01c8e8861edafcdb79fa0d2ba9a106dced2051f4e");
    }

    @Test
    void differsPerSecretAndIsStablePerDevice() {
        DeviceHasher a = new DeviceHasher("secret-one-secret-one");
        DeviceHasher b = new DeviceHasher("secret-two-secret-two");
        assertThat(a.deviceId("install-0001")).isEqualTo(a.deviceId("install-0001"));
        assertThat(a.deviceId("install-0001")).isNotEqualTo(b.deviceId("install-0001"));
        assertThat(a.deviceId("install-0001")).isNotEqualTo(a.deviceId("install-0002"));
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatThrownBy(() -> new DeviceHasher("short")).hasMessageContaining("at least 16");
    }
}
