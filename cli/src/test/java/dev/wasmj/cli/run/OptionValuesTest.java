package dev.wasmj.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The values of {@code wasmj run}'s options: --dir, --env, --preload, --tcplisten and -S. */
class OptionValuesTest {

    @Test
    void dirMapsHostToGuestOrKeepsTheHostName() {
        assertThat(DirMapping.parse("data")).isEqualTo(new DirMapping("data", "data"));
        assertThat(DirMapping.parse("/tmp/x::/sandbox")).isEqualTo(new DirMapping("/tmp/x", "/sandbox"));
        assertThat(DirMapping.parse(".::.")).isEqualTo(new DirMapping(".", "."));
        assertThatThrownBy(() -> DirMapping.parse("::guest")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DirMapping.parse("host::")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void envSetsAValueOrInheritsTheHostsWhenItHasOne() {
        Map<String, String> host = Map.of("HOME", "/home/me");
        assertThat(EnvSetting.parse("A=b=c").resolve(host)).contains("b=c");
        assertThat(EnvSetting.parse("EMPTY=").resolve(host)).contains("");
        assertThat(EnvSetting.parse("HOME").resolve(host)).contains("/home/me");
        assertThat(EnvSetting.parse("UNSET").resolve(host)).isEmpty();
        assertThatThrownBy(() -> EnvSetting.parse("=x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void preloadNeedsANameAndAPath() {
        assertThat(Preload.parse("lib=dir/lib.wasm")).isEqualTo(new Preload("lib", Path.of("dir/lib.wasm")));
        assertThatThrownBy(() -> Preload.parse("lib")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Preload.parse("=lib.wasm")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Preload.parse("lib=")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listenAddressesAreHostAndPort() {
        assertThat(ListenAddress.parse("127.0.0.1:8080")).isEqualTo(new ListenAddress("127.0.0.1", 8080));
        assertThat(ListenAddress.parse("localhost:0")).isEqualTo(new ListenAddress("localhost", 0));
        assertThat(ListenAddress.parse("[::1]:443")).isEqualTo(new ListenAddress("::1", 443));
        assertThat(ListenAddress.parse("[::1]:443")).hasToString("[::1]:443");
        for (String bad : new String[] {"8080", ":80", "host:", "host:x", "host:65536", "host:-1", "::1:80"}) {
            assertThatThrownBy(() -> ListenAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void wasiOptionsAreInheritEnvAndTcplisten() {
        assertThat(parse().inheritEnv()).isFalse();
        assertThat(parse("-S", "inherit-env").inheritEnv()).isTrue();
        assertThat(parse("-S", "inherit-env=y", "-S", "inherit-env=n").inheritEnv()).isFalse();
        WasiOptions both = parse("-S", "inherit-env,tcplisten=localhost:0", "-S", "tcplisten=[::1]:1");
        assertThat(both.inheritEnv()).isTrue();
        assertThat(both.tcpListen()).containsExactly(new ListenAddress("localhost", 0), new ListenAddress("::1", 1));
        assertThatThrownBy(() -> parse("-S", "inherit-env=maybe")).hasMessageContaining("'maybe' for inherit-env is not y or n");
        assertThatThrownBy(() -> parse("-S", "tcplisten")).hasMessageContaining("tcplisten=HOST:PORT");
        assertThatThrownBy(() -> parse("-S", "threads")).hasMessageContaining("unknown WASI option 'threads'");
    }

    private static WasiOptions parse(String... args) {
        WasiOptions options = new WasiOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }
}
