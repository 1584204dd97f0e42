import zlib from 'node:zlib';

/** One file read back from a zip, with what its headers claimed. */
export type ZipFile = { name: string; data: Buffer; method: number; crcMatches: boolean };

/**
 * Reads a zip the way an unzip tool does: from the end-of-central-directory record, through the
 * central directory, to each local header. Independent of the writer under test, so a round trip
 * proves the archive is laid out as the format says, not merely as the writer believes.
 */
export function readZip(zip: Buffer): ZipFile[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new Error('no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  const directorySize = zip.readUInt32LE(eocd + 12);
  let at = zip.readUInt32LE(eocd + 16);
  if (at + directorySize !== eocd) throw new Error('central directory does not end at the EOCD');

  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`entry ${i}: bad central header`);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;

    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const localName = zip.toString(
      'utf8',
      localOffset + 30,
      localOffset + 30 + zip.readUInt16LE(localOffset + 26),
    );
    if (localName !== name) throw new Error(`${name}: local header names ${localName}`);
    const start =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const body = zip.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 8) data = zlib.inflateRawSync(body);
    else if (method === 0) data = Buffer.from(body);
    else throw new Error(`${name}: unsupported method ${method}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, header says ${size}`);
    files.push({ name, data, method, crcMatches: zlib.crc32(data) === crc });
  }
  return files;
}
