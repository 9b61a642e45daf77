// Copies the third-party files the site serves from its own origin (never from a CDN) out of
// node_modules into public/. Run before dev and build; the copies are git-ignored.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = join(dirname(new URL(import.meta.url).pathname), '..');

/** [package file, destination under public/]. A service worker must sit at the site root to control it. */
export const VENDOR_FILES = [
  ['coi-serviceworker/coi-serviceworker.min.js', 'coi-serviceworker.min.js'],
  // tfjs picks one of these at run time: plain, SIMD, or SIMD with threads (cross-origin isolated).
  ...['', '-simd', '-threaded-simd'].map((v) => [
    `@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm${v}.wasm`,
    `vendor/tfjs-wasm/tfjs-backend-wasm${v}.wasm`,
  ]),
  // onnxruntime-web: the WASM build and the build with the WebGPU provider each load their own binary.
  ...['', '.asyncify'].map((v) => [
    `onnxruntime-web/ort-wasm-simd-threaded${v}.wasm`,
    `vendor/ort/ort-wasm-simd-threaded${v}.wasm`,
  ]),
];

for (const [from, to] of VENDOR_FILES) {
  const dest = join(root, 'public', to);
  mkdirSync(dirname(dest), { recursive: true });
  copyFileSync(require.resolve(from), dest);
}
console.log(`copy-vendor: ${VENDOR_FILES.length} file(s) copied into public/`);
