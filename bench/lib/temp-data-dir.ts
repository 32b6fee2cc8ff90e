import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './benchmark';

/**
 * A fresh folder for an SQLite file, removed when the benchmark ends. It lives in the OS temp
 * folder, which must be on a real disk (not tmpfs) for fsync to cost what it costs in production.
 */
export function makeTempDataDir(context: BenchContext, prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `agora-bench-${prefix}-`));
  context.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
