package dev.wasmj.examples.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.WasiConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Ruby reaches through WASI: preopened directories, the environment, clocks, randomness. */
class RubyWasiTest {
    @TempDir
    Path dir;

    @Test
    void rubyWorksWithFilesInAPreopenedDirectory() throws IOException {
        Files.writeString(dir.resolve("input.txt"), "3\n4\n5\n");
        Path readOnly = Files.createDirectory(dir.resolve("read-only"));
        Files.writeString(readOnly.resolve("fixed.txt"), "fixed");
        WasiConfig wasi = new WasiConfig()
                .preopenedDir(dir, "/data")
                .preopenedDir(readOnly, "/fixed", EnumSet.of(DirPerms.READ), EnumSet.of(FilePerms.READ))
                .env("UNIT", "cm");

        try (RubyVm vm = RubyVm.start(RubyWasm.module(), wasi)) {
            vm.run("""
                    sides = File.readlines('/data/input.txt').map(&:to_i)
                    File.write('/data/output.txt', "#{sides.sum} #{ENV.fetch('UNIT')}\\n")
                    Dir.mkdir('/data/sub')
                    File.open('/data/sub/lines.txt', 'w') { |f| 3.times { |i| f.puts "line #{i}" } }
                    """);

            assertThat(Files.readString(dir.resolve("output.txt"))).isEqualTo("12 cm\n");
            assertThat(Files.readAllLines(dir.resolve("sub/lines.txt"))).containsExactly("line 0", "line 1", "line 2");
            assertThat(vm.evalToString("Dir.children('/data').sort.join(',')"))
                    .isEqualTo("input.txt,output.txt,read-only,sub");
            assertThat(vm.evalToString("File.size('/data/input.txt')")).isEqualTo("6");
            assertThat(vm.evalToString("File.read('/fixed/fixed.txt')")).isEqualTo("fixed");
            assertThatThrownBy(() -> vm.run("File.write('/fixed/new.txt', 'x')"))
                    .isInstanceOfSatisfying(RubyException.class,
                            e -> assertThat(e.rubyClass()).startsWith("Errno::"));
            assertThatThrownBy(() -> vm.run("File.read('/etc/passwd')"))
                    .isInstanceOfSatisfying(RubyException.class,
                            e -> assertThat(e.rubyClass()).startsWith("Errno::"));
        }
        assertThat(readOnly.resolve("new.txt")).doesNotExist();
    }

    @Test
    void clocksAndRandomness() {
        try (RubyVm vm = RubyVm.start(RubyWasm.module(), new WasiConfig())) {
            long javaYear = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
            assertThat(Long.parseLong(vm.evalToString("Time.now.utc.year"))).isBetween(javaYear - 1, javaYear + 1);
            assertThat(vm.evalToString("t = Process.clock_gettime(Process::CLOCK_MONOTONIC); "
                    + "100_000.times { }; Process.clock_gettime(Process::CLOCK_MONOTONIC) > t")).isEqualTo("true");
            assertThat(vm.evalToString("Array.new(20) { Random.new_seed }.uniq.size")).isEqualTo("20");
            assertThat(vm.evalToString("Random.new(42).rand(1000) == Random.new(42).rand(1000)")).isEqualTo("true");
        }
    }
}
