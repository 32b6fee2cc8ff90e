import { parentPort } from 'node:worker_threads';
import { type AnalysisInput, analyse } from './engine/analyse';

// The analysis worker thread: one input in, progress messages and one output back, so that the
// main thread keeps answering requests while the engine runs (see analysis-runner.ts).
export type WorkerMessage =
  | { readonly type: 'progress'; readonly stage: 'grouping' | 'theming'; readonly share: number }
  | { readonly type: 'done'; readonly output: ReturnType<typeof analyse> };

const port = parentPort!;
port.once('message', (input: AnalysisInput) => {
  const post = (message: WorkerMessage) => port.postMessage(message);
  post({ type: 'done', output: analyse(input, (stage, share) => post({ type: 'progress', stage, share })) });
});
