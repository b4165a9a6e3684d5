// Runs a WASI command (examples/sqlite's driver) on Node's V8 the way the JVM engines of the bench
// harness do (dev.wasmj.bench.Main --child-command, CommandTimer), and prints its result line:
//   node command.mjs --program P --file F --expected-stdout FILE --guest-dir DIR --scratch-root ROOT
//                    --iterations K --warmup-seconds S -- ARGV0 ARGS...
// The module is compiled once (WebAssembly.compile: the load time); each run is a new WASI
// (node:wasi, preview 1) and a new instance, with a fresh empty directory (in ROOT) preopened as
// DIR and its standard output and error in files, read back: the output must equal FILE, and the
// run's time is the 'kernel: N ms' the command prints on standard error. The first run, runs until
// the warm-up time has passed (wall-clock time, like kernel.mjs), then K measured runs. The
// checksum is the CRC-32 of the output; the CPU times are the process's in _start (the whole guest
// program, instantiation not included), like kernel.mjs's.
// Needs node --expose-gc: after each run (outside its timing) a full garbage collection frees the
// run's instance and WASI. Without it, the instances of 50 to 100 runs piled up between V8's own
// collections and Node 20 crashed (SIGSEGV, exit status 139) after 1.5 to 4 s of runs.
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { crc32 } from 'node:zlib';

const options = {};
const args = process.argv.slice(2);
const end = args.indexOf('--');
if (end < 0 || end + 1 >= args.length) {
  console.error('usage: node command.mjs --program P --file F --expected-stdout FILE --guest-dir DIR '
    + '--scratch-root ROOT --iterations K --warmup-seconds S -- ARGV0 ARGS...');
  process.exit(2);
}
for (let i = 0; i < end; i += 2) options[args[i].replace(/^--/, '')] = args[i + 1];
const guestArgs = args.slice(end + 1);
const iterations = Number(options.iterations ?? 5);
const warmupMs = Number(options['warmup-seconds'] ?? 1) * 1000;
const expected = readFileSync(options['expected-stdout'], 'utf8');

const list = (times) => times.map((t) => t.toFixed(3)).join(',');
const hex = (c) => '0x' + c.toString(16).padStart(8, '0');
function fail(message) {
  console.error(`node: ${options.program}: ${message}`);
  process.exit(1);
}

// One run in a fresh instance and a fresh directory; returns its kernel time, the whole run's
// (instantiation, WASI set-up and _start) and the CPU time of the process in _start.
async function run(module) {
  const base = mkdtempSync(join(options['scratch-root'] ?? tmpdir(), `wasmj-bench-${options.program}-`));
  try {
    const dir = join(base, 'dir');
    mkdirSync(dir);
    const stdout = openSync(join(base, 'stdout'), 'w');
    const stderr = openSync(join(base, 'stderr'), 'w');
    const start = performance.now();
    let status;
    let startCpuMs;
    try {
      const wasi = new WASI({ version: 'preview1', args: guestArgs, env: {}, preopens: { [options['guest-dir']]: dir },
        stdout, stderr, returnOnExit: true });
      const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
      const cpuStart = process.cpuUsage();
      status = wasi.start(instance);
      const used = process.cpuUsage(cpuStart);
      startCpuMs = (used.user + used.system) / 1000;
    } finally {
      closeSync(stdout);
      closeSync(stderr);
    }
    const wholeMs = performance.now() - start;
    const out = readFileSync(join(base, 'stdout'), 'utf8');
    const err = readFileSync(join(base, 'stderr'), 'utf8');
    if (status !== 0) fail(`exited with status ${status}: ${err.split('\n').slice(0, 4).join(' | ')}`);
    if (out !== expected) fail(`printed other results than expected: ${out.split('\n').slice(0, 3).join(' | ')}`);
    const kernel = /kernel: ([0-9.]+) ms/.exec(err);
    if (!kernel) fail("printed no 'kernel: N ms' on standard error");
    return { kernelMs: Number(kernel[1]), wholeMs, startCpuMs };
  } finally {
    rmSync(base, { recursive: true, force: true });
    globalThis.gc();
  }
}

if (typeof globalThis.gc !== 'function') fail('needs node --expose-gc');
const bytes = readFileSync(options.file);
let start = performance.now();
const module = await WebAssembly.compile(bytes);
const loadMs = performance.now() - start;

const first = await run(module);
const warmupStart = performance.now();
const warmupEnd = warmupStart + warmupMs;
let warmups = 0;
while (performance.now() < warmupEnd) {
  await run(module);
  warmups++;
}
const warmupS = (performance.now() - warmupStart) / 1000;
const runs = [];
const cpu = [];
const wholes = [];
for (let i = 0; i < iterations; i++) {
  const measured = await run(module);
  runs.push(measured.kernelMs);
  cpu.push(measured.startCpuMs);
  wholes.push(measured.wholeMs);
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
};
console.error(`${options.program} on node: load ${loadMs.toFixed(2)} ms; first run ${first.wholeMs.toFixed(2)} ms `
  + `(its kernel ${first.kernelMs.toFixed(2)} ms); ${warmups} warm-up runs; `
  + `measured runs: median whole run (instance, WASI, _start) ${median(wholes).toFixed(2)} ms`);
console.log(`RESULT engine=node program=${options.program} checksum=${hex(crc32(expected) >>> 0)} `
  + `load_ms=${loadMs.toFixed(3)} first_ms=${first.kernelMs.toFixed(3)} runs_ms=${list(runs)} cpu_ms=${list(cpu)} `
  + `warmup_s=${warmupS.toFixed(3)} warmup_calls=${warmups} settled=unknown`);
