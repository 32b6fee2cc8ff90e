import { loadConfig } from '../../server/config';
import { ensureClientBuilt } from '../../server/platform/client-build';

/** Browser tests drive the built client, so build it once before any test runs (no-op when fresh). */
export default async function setup(): Promise<void> {
  await ensureClientBuilt(loadConfig({}).clientDir);
}
