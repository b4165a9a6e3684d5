// Runs the WASI test programs on Node's WASI (node:wasi, preview1, uvwasi) with the same set-up as
// the JUnit tests (wasi/src/test/java/dev/wasmj/wasi/programs/ProgramsTest.java) and compares
// stdout, stderr and the exit status with the expectations next to the sources (NAME.out,
// NAME.err). The expectations are the specification's; where Node differs, the difference is
// printed and listed in NODE.md.
//   node wasi/src/test/c/run-node.mjs [PROGRAM...]    (default: all; the .wasm files are read
//                                                        from wasi/src/test/resources/programs/)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const here = path.dirname(fileURLToPath(import.meta.url));
const wasmDir = path.join(here, '../resources/programs');

// The set-up of each program: mirrors ProgramsTest.
const PROGRAMS = {
  hello: { args: ['hello', 'first', 'two words', 'ünïcödé'], env: { GREETING: 'hi', EMPTY: '' } },
  exit: { args: ['exit', '42'], status: 42 },
  cat: { stdin: 'cat.in' },
  clocks: {},
  random: {},
  files: { preopens: ['/sandbox'] },
  dirs: { preopens: ['/sandbox'] },
  fds: { preopens: ['/sandbox', '/other'], stdin: 'cat.in' },
  poll: { preopens: ['/sandbox'], stdin: 'cat.in' },
  sandbox: {
    preopens: ['/sandbox'],
    setup: ([sandbox]) => {
      // outside.txt next to the preopen, and a symlink inside pointing at it
      fs.writeFileSync(path.join(sandbox, '..', 'outside.txt'), 'secret\n');
      fs.symlinkSync(path.join(sandbox, '..', 'outside.txt'), path.join(sandbox, 'host-link'));
      fs.writeFileSync(path.join(sandbox, 'inside.txt'), 'inside\n');
    },
  },
  badptr: { preopens: ['/sandbox'] },
  raise: { status: 143 },
  trap: { trap: true },
  // node:wasi cannot hand a listening socket to the guest (no --tcplisten equivalent)
  sockets: { unsupported: 'node:wasi cannot hand a listening socket to a guest' },
};

let WASI;

// Runs one program in `work`: its stdout and stderr go to work/stdout and work/stderr, its exit
// status to work/status.
function run(name, spec, work) {
  {
    const preopens = {};
    const hostDirs = (spec.preopens ?? []).map((guest, i) => {
      const host = path.join(work, `dir${i}`);
      fs.mkdirSync(host);
      preopens[guest] = host;
      return host;
    });
    spec.setup?.(hostDirs);
    const stdinPath = spec.stdin ? path.join(here, spec.stdin) : '/dev/null';
    const stdin = fs.openSync(stdinPath, 'r');
    const stdout = fs.openSync(path.join(work, 'stdout'), 'w');
    const stderr = fs.openSync(path.join(work, 'stderr'), 'w');
    const wasi = new WASI({
      version: 'preview1',
      args: spec.args ?? [name],
      env: spec.env ?? {},
      preopens,
      stdin, stdout, stderr,
      returnOnExit: true,
    });
    const module = new WebAssembly.Module(fs.readFileSync(path.join(wasmDir, `${name}.wasm`)));
    const instance = new WebAssembly.Instance(module, wasi.getImportObject());
    let status;
    try {
      status = wasi.start(instance);
    } catch (e) {
      status = e instanceof WebAssembly.RuntimeError ? `trap (${e.message})` : `exception ${e}`;
    }
    for (const fd of [stdin, stdout, stderr]) {
      try { fs.closeSync(fd); } catch { // node's WASI may have closed it already
      }
    }
    fs.writeFileSync(path.join(work, 'status'), JSON.stringify(status));
  }
}

// The lines that differ, as a minimal diff: "-" expected only, "+" Node only.
function diff(what, expected, actual) {
  if (expected === actual) return [];
  const e = expected.split('\n'), a = actual.split('\n');
  const lcs = Array.from({ length: e.length + 1 }, () => new Array(a.length + 1).fill(0));
  for (let i = e.length - 1; i >= 0; i--) {
    for (let j = a.length - 1; j >= 0; j--) {
      lcs[i][j] = e[i] === a[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const lines = [];
  let i = 0, j = 0;
  while (i < e.length || j < a.length) {
    if (i < e.length && j < a.length && e[i] === a[j]) { i++; j++; }
    else if (j < a.length && (i === e.length || lcs[i][j + 1] >= lcs[i + 1][j])) lines.push(`  ${what} + ${JSON.stringify(a[j++])}`);
    else lines.push(`  ${what} - ${JSON.stringify(e[i++])}`);
  }
  return lines;
}

// Each program runs in a child process with a time limit: some of Node's WASI calls hang.
if (process.argv[2] === '--child') {
  // only the child loads node:wasi (and prints its experimental-feature warning)
  ({ WASI } = await import('node:wasi'));
  run(process.argv[3], PROGRAMS[process.argv[3]], process.argv[4]);
  process.exit(0);
}

function runChild(name) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `wasmj-node-${name}-`));
  try {
    const child = spawnSync(process.execPath, ['--no-warnings', fileURLToPath(import.meta.url), '--child', name, work],
      { encoding: 'utf8', timeout: 20000 });
    const file = (f) => fs.existsSync(path.join(work, f)) ? fs.readFileSync(path.join(work, f), 'utf8') : '';
    const status = child.error || child.status !== 0 || !file('status')
      ? `node failed (${child.error?.code ?? child.status}): ${child.stderr.trim()}`
      : JSON.parse(file('status'));
    return { status, stdout: file('stdout'), stderr: file('stderr') };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(PROGRAMS);
let differences = 0;
for (const name of names) {
  const spec = PROGRAMS[name];
  if (!spec) throw new Error(`unknown program ${name}`);
  if (spec.unsupported) {
    console.log(`${name}: NOT RUN (${spec.unsupported})`);
    continue;
  }
  const result = runChild(name);
  const read = (ext) => {
    const f = path.join(here, `${name}.${ext}`);
    return fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '';
  };
  const expectedStdout = read('out');
  const lines = [
    ...diff('stdout', expectedStdout, result.stdout),
    ...diff('stderr', read('err'), result.stderr),
  ];
  const expectedStatus = spec.trap ? 'trap' : (spec.status ?? 0);
  const statusOk = spec.trap ? String(result.status).startsWith('trap') : result.status === expectedStatus;
  if (!statusOk) lines.push(`  exit status: expected ${expectedStatus}, node ${result.status}`);
  console.log(`${name}: ${lines.length === 0 ? 'same' : 'DIFFERENT'}`);
  for (const l of lines) console.log(l);
  if (process.env.SHOW) { process.stdout.write(result.stdout); process.stdout.write(result.stderr); }
  differences += lines.length > 0;
}
process.exitCode = differences ? 1 : 0;
