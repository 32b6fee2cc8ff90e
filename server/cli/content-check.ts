import path from 'node:path';
import { loadConfig } from '../config';
import { readContent } from '../features/consultations/content-files';

/** `npm run content:check`: validates every content file; prints `file:line: problem` and exits 1 on any. */
const { contentDir } = loadConfig();
const { consultations, problems } = readContent(contentDir);
for (const problem of problems) console.error(`${path.relative(process.cwd(), problem.file)}:${problem.line}: ${problem.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s) in ${path.relative(process.cwd(), contentDir) || '.'}`);
  process.exit(1);
}
const sections = consultations.reduce((n, c) => n + c.sections.length, 0);
console.log(`Content is valid: ${consultations.length} consultation(s), ${sections} section(s).`);
