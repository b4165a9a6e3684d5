// Prints run(n) of a kernel module in hex, as computed by Node's V8: node check-node.mjs FILE N
import { readFileSync } from 'node:fs';

const [file, n] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file));
const checksum = instance.exports.run(Number(n)) >>> 0;
console.log('0x' + checksum.toString(16).padStart(8, '0'));
