import { promisify } from 'node:util';
import yauzl from 'yauzl';

const fromBuffer = promisify<Buffer, yauzl.Options, yauzl.ZipFile>(yauzl.fromBuffer);

/** Every file of a ZIP archive, by name (yauzl reads it as an unzip program would). */
export async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  const zip = await fromBuffer(buffer, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  zip.readEntry();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
  });
  return files;
}
