/**
 * Child-process entry for tests that need an instance they can kill -9: the real app, configured
 * from the environment as `npm start` is, on an ephemeral port; sends its URL to the parent.
 */
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';

const app = await buildApp(loadConfig(process.env));
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send!({ url });
