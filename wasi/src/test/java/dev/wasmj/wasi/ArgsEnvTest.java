package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** args_get, args_sizes_get, environ_get, environ_sizes_get. */
class ArgsEnvTest {
    @Test
    void argumentsAreNulTerminatedUtf8WithPointers() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().args("prog", "héllo", ""))) {
            assertThat(guest.call("args_sizes_get", 100, 104)).isEqualTo(SUCCESS);
            assertThat(guest.i32(100)).isEqualTo(3);
            int size = guest.i32(104);
            assertThat(size).isEqualTo(5 + 7 + 1);
            assertThat(guest.call("args_get", 200, 1000)).isEqualTo(SUCCESS);
            assertThat(guest.i32(200)).isEqualTo(1000);
            assertThat(guest.i32(204)).isEqualTo(1005);
            assertThat(guest.i32(208)).isEqualTo(1012);
            assertThat(guest.read(1000, size)).isEqualTo("prog\0héllo\0\0".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void environmentIsNameEqualsValue() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().env("A", "1").env("PATH", "/bin").env("A", "2"))) {
            assertThat(guest.call("environ_sizes_get", 100, 104)).isEqualTo(SUCCESS);
            assertThat(guest.i32(100)).isEqualTo(2);
            assertThat(guest.i32(104)).isEqualTo(4 + 10);
            assertThat(guest.call("environ_get", 200, 1000)).isEqualTo(SUCCESS);
            assertThat(guest.readString(guest.i32(200), 4)).isEqualTo("A=2\0");
            assertThat(guest.readString(guest.i32(204), 10)).isEqualTo("PATH=/bin\0");
        }
    }

    @Test
    void nothingConfiguredIsEmpty() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            guest.putI32(100, 99);
            guest.putI32(104, 99);
            assertThat(guest.call("args_sizes_get", 100, 104)).isEqualTo(SUCCESS);
            assertThat(guest.i32(100)).isZero();
            assertThat(guest.i32(104)).isZero();
            assertThat(guest.call("environ_sizes_get", 100, 104)).isEqualTo(SUCCESS);
            assertThat(guest.i32(100)).isZero();
            assertThat(guest.call("args_get", 200, 1000)).isEqualTo(SUCCESS);
        }
    }

    @Test
    void inheritedEnvironmentHasThisProcesssVariables() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().inheritEnv())) {
            assertThat(guest.call("environ_sizes_get", 100, 104)).isEqualTo(SUCCESS);
            assertThat(guest.i32(100)).isEqualTo(System.getenv().size());
        }
    }
}
