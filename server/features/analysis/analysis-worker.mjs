// Entry of the analysis worker thread. The server runs TypeScript through tsx, and a worker thread
// does not inherit the loader that the main thread (or vitest) was started with: register tsx here,
// then load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./analysis.worker.ts');
