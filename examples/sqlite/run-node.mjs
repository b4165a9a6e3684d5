// Runs a WASI command module on Node's V8 (node:wasi, preview 1), like `wasmj run`:
//   node run-node.mjs [--dir HOST[::GUEST]]... FILE.wasm [ARGS...]
// The guest's argv[0] is FILE's name; it exits with the guest's exit status. Used to check the
// WebAssembly build of the SQLite driver against its native build, and to time it on V8.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { WASI } from 'node:wasi';

const args = process.argv.slice(2);
const preopens = {};
while (args[0] === '--dir') {
  const [host, guest = host] = args[1].split('::');
  preopens[guest] = host;
  args.splice(0, 2);
}
if (args.length === 0) {
  console.error('usage: node run-node.mjs [--dir HOST[::GUEST]]... FILE.wasm [ARGS...]');
  process.exit(2);
}
const [file, ...guestArgs] = args;
const wasi = new WASI({ version: 'preview1', args: [basename(file), ...guestArgs], env: {}, preopens, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
