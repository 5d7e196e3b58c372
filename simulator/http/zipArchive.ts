import { Readable } from 'node:stream';
import { crc32, createDeflateRaw } from 'node:zlib';

const LOCAL_FILE_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const VERSION = 20;
const FLAG_DATA_DESCRIPTOR = 0x08;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_DEFLATE = 8;
// 1980-01-01 00:00 in MS-DOS time and date: the entry's timestamp is not something readers of a price sheet use.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A zip archive of one deflated entry, written as its content arrives (the content's size and CRC-32 follow it in a
 * data descriptor, as streaming zip writers do), so a large file is compressed without being held whole. Sizes are
 * 32-bit: enough for a simulator's sheets, which stay far under 4 GiB.
 */
export async function* zipOneEntry(name: string, content: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const fileName = Buffer.from(name, 'utf8');
  const flags = FLAG_DATA_DESCRIPTOR | FLAG_UTF8_NAME;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(LOCAL_FILE_HEADER, 0);
  local.writeUInt16LE(VERSION, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(METHOD_DEFLATE, 8);
  local.writeUInt16LE(DOS_TIME, 10);
  local.writeUInt16LE(DOS_DATE, 12);
  // CRC and sizes stay 0 here: they are in the data descriptor.
  local.writeUInt16LE(fileName.length, 26);
  yield Buffer.concat([local, fileName]);

  let crc = 0;
  let size = 0;
  let compressedSize = 0;
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of content) {
      crc = crc32(chunk, crc);
      size += chunk.length;
      yield chunk;
    }
  }
  const deflater = createDeflateRaw();
  const input = Readable.from(counted());
  input.on('error', (error) => deflater.destroy(error));
  input.pipe(deflater);
  for await (const chunk of deflater) {
    const buffer = chunk as Buffer;
    compressedSize += buffer.length;
    yield buffer;
  }

  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
  descriptor.writeUInt32LE(crc >>> 0, 4);
  descriptor.writeUInt32LE(compressedSize, 8);
  descriptor.writeUInt32LE(size, 12);
  yield descriptor;

  const central = Buffer.alloc(46);
  central.writeUInt32LE(CENTRAL_DIRECTORY_HEADER, 0);
  central.writeUInt16LE(VERSION, 4);
  central.writeUInt16LE(VERSION, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(METHOD_DEFLATE, 10);
  central.writeUInt16LE(DOS_TIME, 12);
  central.writeUInt16LE(DOS_DATE, 14);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(compressedSize, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(fileName.length, 28);
  // Extra field, comment, disk number, attributes: none; the entry's local header is at offset 0.
  const centralDirectory = Buffer.concat([central, fileName]);
  const centralOffset = local.length + fileName.length + compressedSize + descriptor.length;

  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  yield Buffer.concat([centralDirectory, end]);
}
