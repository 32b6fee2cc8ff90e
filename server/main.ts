import { loadConfig } from './config';
import { runOrExit, startServer } from './start-server';

// `npm start`: the configured database and content/ only — never any demo data (see cli/demo.ts).
runOrExit(() => startServer(loadConfig()));
