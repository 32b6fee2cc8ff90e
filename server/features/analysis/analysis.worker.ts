import { parentPort } from 'node:worker_threads';
import { type AnalysedResponse, type AnalysisInput, type AnalysisOutput, analyse, type ThemeAssignment } from './engine/analyse';

// The analysis worker thread: the responses arrive page by page as the job reads them, then the
// rest of the input; progress messages and the output go back, the assignments in chunks. Every
// message is small, so copying one never stalls the main thread's requests (see analysis-runner.ts).
export type ToWorker = { readonly type: 'responses'; readonly responses: AnalysedResponse[] } | ({ readonly type: 'run' } & Omit<AnalysisInput, 'responses'>);

export type WorkerMessage =
  | { readonly type: 'progress'; readonly stage: 'grouping' | 'theming'; readonly share: number }
  | { readonly type: 'assignments'; readonly assignments: ThemeAssignment[] }
  | { readonly type: 'done'; readonly output: Omit<AnalysisOutput, 'assignments'> };

const ASSIGNMENTS_PER_MESSAGE = 2_000;

const port = parentPort!;
const responses: AnalysedResponse[] = [];
port.on('message', (message: ToWorker) => {
  if (message.type === 'responses') {
    for (const response of message.responses) responses.push(response);
    return;
  }
  const post = (reply: WorkerMessage) => port.postMessage(reply);
  const { type: _run, ...rest } = message;
  const { assignments, ...output } = analyse({ ...rest, responses }, (stage, share) => post({ type: 'progress', stage, share }));
  for (let i = 0; i < assignments.length; i += ASSIGNMENTS_PER_MESSAGE) post({ type: 'assignments', assignments: assignments.slice(i, i + ASSIGNMENTS_PER_MESSAGE) });
  post({ type: 'done', output });
});
