/**
 * The IDX format MNIST ships in: a big-endian header (two zero bytes, a type code, the number of
 * dimensions, then one uint32 per dimension) followed by the data. Only unsigned bytes (0x08) are
 * needed here. https://yann.lecun.org/exdb/mnist/ describes it.
 */
export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, name = 'IDX file'): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 4 || view.getUint16(0) !== 0) throw new Error(`${name}: not an IDX file (bad magic)`);
  const type = view.getUint8(2);
  if (type !== 0x08) throw new Error(`${name}: element type 0x${type.toString(16)} is not unsigned bytes (0x08)`);
  const rank = view.getUint8(3);
  const headerBytes = 4 + 4 * rank;
  if (bytes.byteLength < headerBytes) throw new Error(`${name}: header cut short`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength !== headerBytes + size)
    throw new Error(
      `${name}: expected ${headerBytes + size} bytes for dims [${dims.join(', ')}], got ${bytes.byteLength}`,
    );
  return { dims, data: bytes.subarray(headerBytes) };
}
