import wabt from 'wabt';

/** The memory import as kernels.wat writes it, and as a threaded (cross-origin isolated) backend needs it. */
const PLAIN_MEMORY = '(import "env" "memory" (memory 1))';
// tfjs-backend-wasm's threaded build makes a shared memory of at most 4 GiB (65536 pages); a
// shared import must name a maximum no smaller than that.
const SHARED_MEMORY = '(import "env" "memory" (memory 1 65536 shared))';

/**
 * Assembles kernels.wat twice: for the backend's plain memory and for its shared one (the
 * threaded build). Used by scripts/build-simd-kernels.ts and by the test that checks the committed
 * bytes are these.
 */
export async function assembleSimdKernels(wat: string): Promise<{ plain: Uint8Array; shared: Uint8Array }> {
  if (!wat.includes(PLAIN_MEMORY)) throw new Error(`kernels.wat must import its memory as ${PLAIN_MEMORY}`);
  const tools = await wabt();
  const features = { simd: true, bulk_memory: true, threads: true };
  const assemble = (text: string) => {
    const module = tools.parseWat('kernels.wat', text, features);
    try {
      // wabt's types omit validate's features argument, which its code reads (shared memory needs it).
      (module.validate as (options: typeof features) => void)(features);
      return Uint8Array.from(module.toBinary({}).buffer);
    } finally {
      module.destroy();
    }
  };
  return { plain: assemble(wat), shared: assemble(wat.replace(PLAIN_MEMORY, SHARED_MEMORY)) };
}

export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
