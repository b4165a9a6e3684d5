// Runs one benchmark program's kernel on Node's V8 and prints its result line, like the JVM
// engines of the bench harness (dev.wasmj.bench.Main --child):
//   node kernel.mjs --program P --file F --n N --checksum 0x... --iterations K --warmup-seconds S
// Load time is WebAssembly.compile + instantiate; then the first call, calls until the warm-up
// time has passed, and K measured calls, each in wall-clock time and in CPU time of the process.
// The warm-up is wall-clock time only: V8 has no API that tells whether it is still compiling, so
// the result line says settled=unknown, with the warm-up's length and calls.
import { readFileSync } from 'node:fs';

const options = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) options[args[i].replace(/^--/, '')] = args[i + 1];
const n = Number(options.n);
const expected = Number(options.checksum) >>> 0;
const iterations = Number(options.iterations ?? 5);
const warmupMs = Number(options['warmup-seconds'] ?? 1) * 1000;

const list = (times) => times.map((t) => t.toFixed(3)).join(',');
const hex = (c) => '0x' + c.toString(16).padStart(8, '0');
function call(run) {
  const checksum = run(n) >>> 0;
  if (checksum !== expected) {
    console.error(`node: ${options.program} returned checksum ${hex(checksum)}, expected ${hex(expected)}`);
    process.exit(1);
  }
}

const bytes = readFileSync(options.file);
let start = performance.now();
const module = await WebAssembly.compile(bytes);
const instance = await WebAssembly.instantiate(module, {});
const loadMs = performance.now() - start;
const run = instance.exports.run;

start = performance.now();
call(run);
const firstMs = performance.now() - start;
const warmupStart = performance.now();
const warmupEnd = start + warmupMs;
let warmups = 0;
while (performance.now() < warmupEnd) {
  call(run);
  warmups++;
}
const warmupS = (performance.now() - warmupStart) / 1000;

const runs = [];
const cpu = [];
for (let i = 0; i < iterations; i++) {
  const cpuStart = process.cpuUsage();
  start = performance.now();
  call(run);
  runs.push(performance.now() - start);
  const used = process.cpuUsage(cpuStart);
  cpu.push((used.user + used.system) / 1000);
}
console.log(`RESULT engine=node program=${options.program} checksum=${hex(expected)} ` +
  `load_ms=${loadMs.toFixed(3)} first_ms=${firstMs.toFixed(3)} runs_ms=${list(runs)} cpu_ms=${list(cpu)} ` +
  `warmup_s=${warmupS.toFixed(3)} warmup_calls=${warmups} settled=unknown`);
