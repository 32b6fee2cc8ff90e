import { mkdtempSync } from 'node:fs';
import os from 'node:os'; import path from 'node:path';
import { startAgoraApp } from './lib/agora-app';
import { BENCH_SECTION_PATH, prepareDataDir } from './lib/agora-data';
import { seedComments } from './seed-comments';
const dir = mkdtempSync(path.join(os.tmpdir(), 'miss-'));
const dbFile = await prepareDataDir(dir);
seedComments(dbFile, { benchSectionComments: 1000, authors: 10 });
const s = await startAgoraApp({ DATA_DIR: dir, LOG_LEVEL: 'warn', SECTION_PAGE_LAG_MS: '0' });
const app = s.app;
const bump = () => app.db.insertInto('sessions' as never).values({} as never).execute().catch(() => undefined);
for (const url of [`${BENCH_SECTION_PATH}/comments?sort=newest&page=1`]) {
  for (let round = 0; round < 3; round++) {
    let missT = 0, hitT = 0; const N = 300;
    for (let i = 0; i < N; i++) {
      await app.db.updateTable('users').set({ display_name: 'x' + i }).where('id', '=', 1).execute();
      const t0 = performance.now(); const r = await app.inject({ url }); missT += performance.now() - t0;
      const t1 = performance.now(); await app.inject({ url }); hitT += performance.now() - t1;
      if (r.statusCode !== 200) throw new Error(String(r.statusCode));
    }
    console.log(url.slice(-30), 'miss', (missT / N).toFixed(3), 'hit', (hitT / N).toFixed(3));
  }
}
void bump;
await s.close();
