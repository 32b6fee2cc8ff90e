import { PassThrough, type Readable } from 'node:stream';
import { ZipFile } from 'yazl';

export interface ZipEntry {
  readonly name: string;
  /** Opened only when the archive reaches this entry, so one export is read at a time. */
  readonly open: () => Readable;
}

/**
 * A ZIP archive streamed as it is written (yazl): entries are read one after another, so memory
 * stays flat however many rows they hold. An entry that fails ends the download with an error
 * rather than a silently truncated archive.
 */
export function toZip(entries: readonly ZipEntry[], readme: { name: string; text: string }): Readable {
  const zip = new ZipFile();
  const output = new PassThrough();
  zip.addBuffer(Buffer.from(readme.text, 'utf8'), readme.name);
  for (const entry of entries) {
    zip.addReadStreamLazy(entry.name, (callback) => {
      const stream = entry.open();
      stream.once('error', (error) => output.destroy(error));
      callback(null, stream);
    });
  }
  zip.once('error', (error: Error) => output.destroy(error));
  zip.outputStream.pipe(output);
  zip.end();
  return output;
}
