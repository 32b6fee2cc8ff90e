/** Child-process entry: the real Agora app, configured from the environment run.ts passes. */
import { startAgoraApp } from '../lib/agora-app';
import { serveFromChildProcess } from '../lib/server-process';

serveFromChildProcess(() => startAgoraApp(process.env));
