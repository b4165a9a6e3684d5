// Runs one benchmark program's kernel on Node's V8 and prints its result line, like the JVM
// engines of the bench harness (dev.wasmj.bench.Main --child):
//   node kernel.mjs --program P --file F --n N --checksum 0x... --iterations K --warmup-seconds S
// Load time is WebAssembly.compile + instantiate; then the first call, calls until the warm-up
// time has passed, and K measured calls.
import { readFileSync } from 'node:fs';

const options = {};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 2) options[args[i].replace(/^--/, '')] = args[i + 1];
const n = Number(options.n);
const expected = Number(options.checksum) >>> 0;
const iterations = Number(options.iterations ?? 5);
const warmupMs = Number(options['warmup-seconds'] ?? 1) * 1000;

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
const warmupEnd = start + warmupMs;
while (performance.now() < warmupEnd) call(run);

const runs = [];
for (let i = 0; i < iterations; i++) {
  start = performance.now();
  call(run);
  runs.push(performance.now() - start);
}
console.log(`RESULT engine=node program=${options.program} checksum=${hex(expected)} ` +
  `load_ms=${loadMs.toFixed(3)} first_ms=${firstMs.toFixed(3)} runs_ms=${runs.map((r) => r.toFixed(3)).join(',')}`);
