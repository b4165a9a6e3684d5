package dev.wasmj.wasi.programs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Engine;
import dev.wasmj.ImportType;
import dev.wasmj.Module;
import dev.wasmj.wasi.WasiPreview1;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The test programs together import every function of wasi_snapshot_preview1: the union of the
 * committed modules' imports, read with wasmj's own decoder, is exactly the 46 functions.
 */
class ImportCoverageTest {
    /** The 46 functions of wasi_snapshot_preview1 (wasi_snapshot_preview1.witx). */
    static final Set<String> PREVIEW1 = Set.of(
            "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get",
            "clock_time_get", "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get",
            "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size",
            "fd_filestat_set_times", "fd_pread", "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite",
            "fd_read", "fd_readdir", "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write",
            "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link",
            "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
            "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get",
            "sock_accept", "sock_recv", "sock_send", "sock_shutdown");

    @Test
    void theListHas46Functions() {
        assertThat(PREVIEW1).hasSize(46);
    }

    @Test
    void everyProgramIsListedAndHasItsExpectations() throws IOException {
        Set<String> sources = new TreeSet<>();
        try (Stream<Path> files = Files.list(TestPrograms.SOURCES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".c"))
                    .forEach(n -> sources.add(n.substring(0, n.length() - 2)));
        }
        assertThat(sources).containsExactlyInAnyOrderElementsOf(TestPrograms.NAMES);
        for (String name : TestPrograms.NAMES) {
            assertThat(TestPrograms.SOURCES.resolve(name + ".out")).as("expectation of " + name).exists();
        }
    }

    @Test
    void theProgramsTogetherImportAll46() {
        Engine engine = new Engine();
        Map<String, Set<String>> importers = new TreeMap<>();
        for (String program : TestPrograms.NAMES) {
            Module module = Module.fromBinary(engine, TestPrograms.wasm(program));
            for (ImportType imp : module.imports()) {
                assertThat(imp.module()).as(program + " imports " + imp).isEqualTo(WasiPreview1.MODULE);
                assertThat(PREVIEW1).as(program + " imports " + imp.name()).contains(imp.name());
                importers.computeIfAbsent(imp.name(), k -> new TreeSet<>()).add(program);
            }
        }
        assertThat(importers.keySet()).as("functions no program imports: missing from the union")
                .containsExactlyInAnyOrderElementsOf(PREVIEW1);
    }
}
