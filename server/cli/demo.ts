import { runOrExit, startServer } from '../start-server';
import { accountsBanner } from './demo-accounts';
import { demoConfig, prepareDemoDataDir } from './demo-config';
import { type DemoSeedReport, seedDemo } from './demo-seed';

/**
 * `npm run demo`: the ordinary server on its own database (DATA_DIR, default ./data/demo), with
 * demo accounts for every role and a sample discussion. `npm start` never runs any of this.
 */
runOrExit(async () => {
  const config = demoConfig();
  // Before anything opens a database: refuse the main one, or one the demo did not create.
  prepareDemoDataDir(config);
  let report: DemoSeedReport = { seeded: false, notes: [] };
  await startServer(config, {
    afterLoad: async (app) => {
      report = await seedDemo(app);
    },
  });
  console.log(accountsBanner(config.siteOrigin));
  console.log(`  Data: ${config.dataDir} (delete it to start the demo afresh).`);
  console.log(report.seeded ? '  Seeded the sample discussion:' : '  The sample discussion was seeded on an earlier start; nothing was added.');
  for (const note of report.notes) console.log(`  - ${note}`);
  console.log(`  Start at ${config.siteOrigin}/c/ideal-government-it/governance\n`);
});
