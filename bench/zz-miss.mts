import { mkdtempSync } from 'node:fs';
import os from 'node:os'; import path from 'node:path';
import { startAgoraApp } from './lib/agora-app';
import { BENCH_SECTION_PATH, prepareDataDir, createUsersWithSessions } from './lib/agora-data';
import { COMMENTS_PATH, commentPayload, loadPassages, nextCommentNumber, signedInHeaders } from './lib/comment-posts';
import { seedComments } from './seed-comments';
const dir = mkdtempSync(path.join(os.tmpdir(), 'miss-'));
const dbFile = await prepareDataDir(dir);
seedComments(dbFile, { benchSectionComments: 1000, authors: 10 });
const sessions = createUsersWithSessions(dbFile, 10);
const s = await startAgoraApp({ DATA_DIR: dir, LOG_LEVEL: 'warn' });
const passages = await loadPassages(s.url);
const app = s.app;
const { changeToken } = await import('../server/db/database');
for (const url of [BENCH_SECTION_PATH, `${BENCH_SECTION_PATH}/comments?sort=newest&page=1`]) {
  for (let round = 0; round < 3; round++) {
    let missT = 0, hitT = 0, wT = 0; const N = 100;
    for (let i = 0; i < N; i++) {
      const n = nextCommentNumber();
      const w0 = performance.now();
      const w = await app.inject({ method: 'POST', url: COMMENTS_PATH, headers: { ...signedInHeaders(sessions[n % 10]!), 'content-type': 'application/json' }, payload: commentPayload(n, passages) });
      wT += performance.now() - w0;
      if (w.statusCode !== 201) throw new Error(w.body);
      const t0 = performance.now(); const r = await app.inject({ url }); missT += performance.now() - t0;
      const t1 = performance.now(); await app.inject({ url }); hitT += performance.now() - t1;
      if (r.statusCode !== 200) throw new Error(String(r.statusCode));
    }
    console.log(url.slice(-40), 'write', (wT/N).toFixed(2), 'after-write read', (missT / N).toFixed(3), 'ms; repeat', (hitT / N).toFixed(3), 'ms', 'token', String(changeToken(app.db)));
  }
}
await s.close();
