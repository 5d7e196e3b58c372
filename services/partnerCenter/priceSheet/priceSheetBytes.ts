import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';

/** A price sheet body that is neither CSV nor a zip archive this reader can open. */
export class PriceSheetArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PriceSheetArchiveError';
  }
}

const LOCAL_FILE_HEADER = 0x04034b50;
const LOCAL_HEADER_LENGTH = 30;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_DATA_DESCRIPTOR = 0x08;
const FLAG_ENCRYPTED = 0x01;

/**
 * The CSV bytes of a price sheet body, as they arrive. "File stream is either a .csv file or a zip compressed version
 * of the .csv" (Get a price sheet): a body that starts with a zip local file header is unpacked on the fly — the first
 * entry, stored or deflated, with or without a data descriptor — and anything else is the CSV itself. A
 * `Content-Encoding: deflate` body was already inflated by the HTTP client. Only one entry's worth of compressed data
 * is in flight at a time: the archive is never held whole.
 */
export async function* priceSheetBytes(body: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  const source = body[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  // Enough bytes to tell a zip archive from CSV, and to read a local file header with a long name.
  while (head.length < LOCAL_HEADER_LENGTH) {
    const next = await source.next();
    if (next.done) break;
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  if (head.length < 4 || head.readUInt32LE(0) !== LOCAL_FILE_HEADER) {
    if (head.length > 0) yield head;
    yield* remaining(source);
    return;
  }
  if (head.length < LOCAL_HEADER_LENGTH)
    throw new PriceSheetArchiveError('the zip archive ends inside its first header');
  const flags = head.readUInt16LE(6);
  const method = head.readUInt16LE(8);
  const compressedSize = head.readUInt32LE(18);
  const dataStart = LOCAL_HEADER_LENGTH + head.readUInt16LE(26) + head.readUInt16LE(28);
  if (flags & FLAG_ENCRYPTED) throw new PriceSheetArchiveError('the zip entry is encrypted');
  while (head.length < dataStart) {
    const next = await source.next();
    if (next.done) throw new PriceSheetArchiveError('the zip archive ends inside its first header');
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  const first = head.subarray(dataStart);
  if (method === METHOD_STORED) {
    // A stored entry has no end marker of its own: its size must be in the header.
    if (flags & FLAG_DATA_DESCRIPTOR) throw new PriceSheetArchiveError('a stored zip entry without its size');
    yield* firstBytes(first, source, compressedSize);
    return;
  }
  if (method !== METHOD_DEFLATE) throw new PriceSheetArchiveError(`zip compression method ${method} is not supported`);
  // Deflate data ends itself: whatever follows (data descriptor, central directory) is ignored by the inflater.
  const inflater = createInflateRaw();
  const compressed = Readable.from(withFirst(first, source), { objectMode: false });
  compressed.on('error', (error) => inflater.destroy(error));
  compressed.pipe(inflater);
  try {
    for await (const chunk of inflater) yield toBuffer(chunk as Buffer);
  } catch (error) {
    // zlib's own errors (Z_DATA_ERROR, "unexpected end of file") say the archive is damaged, not the connection.
    if (isZlibError(error)) throw new PriceSheetArchiveError(`the zip entry can't be inflated (${error.message})`);
    throw error;
  } finally {
    compressed.destroy();
  }
}

async function* remaining(source: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  for (;;) {
    const next = await source.next();
    if (next.done) return;
    yield toBuffer(next.value);
  }
}

async function* withFirst(first: Buffer, source: AsyncIterator<Buffer | string>): AsyncGenerator<Buffer> {
  if (first.length > 0) yield first;
  yield* remaining(source);
}

async function* firstBytes(
  first: Buffer,
  source: AsyncIterator<Buffer | string>,
  size: number,
): AsyncGenerator<Buffer> {
  let left = size;
  for await (const chunk of withFirst(first, source)) {
    if (chunk.length >= left) {
      yield chunk.subarray(0, left);
      return;
    }
    left -= chunk.length;
    yield chunk;
  }
  throw new PriceSheetArchiveError('the stored zip entry is shorter than its header says');
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
}

// Not `instanceof Error`: zlib's errors may come from another realm (a test sandbox) than this module's Error.
function isZlibError(error: unknown): error is { code: string; message: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code.startsWith('Z_') && typeof message === 'string';
}
