import fs from 'node:fs';
import { promisify } from 'node:util';

// Looked up on each call (not bound once) so tests can stand in for the disk.
const fdatasync = (fd: number) => promisify(fs.fdatasync)(fd);
const stat = (file: string) => promisify(fs.stat)(file);
const close = (fd: number) => promisify(fs.close)(fd);

/**
 * Durable commits without an fsync on the event loop (`SQLITE_SYNCHRONOUS=FULL`, the default).
 * The connection runs `synchronous=NORMAL`: a COMMIT appends its frames to the `-wal` file and
 * returns without syncing. Before any writer of that batch is answered, `synced()` waits for an
 * `fdatasync` of the same file (same inode, our own descriptor) that *began after* the COMMIT
 * returned — on libuv's thread pool, so requests go on being served meanwhile. Once it completes,
 * every frame written before it, the commit frame included, is on disk; a WAL that was reset in
 * between held only frames a checkpoint had already copied to the database file and synced.
 *
 * Calls that arrive while a sync runs share the next one (group fsync). After a failed fsync the
 * kernel may have dropped the unwritten pages and a later fsync would "succeed" without them, so
 * a failure is final: every later write is refused until the process restarts.
 */
export class WalSync {
  private fd: number;
  private inode: number;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private failure: unknown;

  /** Opens (creating it if need be: SQLite opens the same path) the WAL of a WAL-mode database. */
  constructor(private readonly walFile: string) {
    [this.fd, this.inode] = WalSync.openWal(walFile);
  }

  /** Resolves once an fdatasync of the WAL that started after this call has completed. */
  synced(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (!this.running && !this.next) return (this.running = this.syncNow());
    // A sync is under way, but it may have started before the caller's COMMIT: wait for the next.
    this.next ??= (this.running ?? Promise.resolve()).catch(() => undefined).then(() => {
      this.next = undefined;
      return (this.running = this.syncNow());
    });
    return this.next;
  }

  async close(): Promise<void> {
    await this.running?.catch(() => undefined);
    await this.next?.catch(() => undefined);
    await close(this.fd);
  }

  private async syncNow(): Promise<void> {
    try {
      if (this.failure !== undefined) throw this.failure;
      // The WAL is only replaced when the last connection closes, never while ours is open; the
      // check costs one stat on the pool and makes sure the file we sync is the one SQLite writes.
      const [, current] = await Promise.all([fdatasync(this.fd), stat(this.walFile)]);
      if (current.ino !== this.inode) {
        await close(this.fd);
        [this.fd, this.inode] = WalSync.openWal(this.walFile);
        await fdatasync(this.fd);
      }
    } catch (error) {
      this.failure = error;
      throw error;
    } finally {
      this.running = undefined;
    }
  }

  private static openWal(walFile: string): [fd: number, inode: number] {
    const fd = fs.openSync(walFile, fs.constants.O_RDONLY | fs.constants.O_CREAT);
    return [fd, fs.fstatSync(fd).ino];
  }
}
