import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, logLevel: 'info', sqliteSynchronous: 'FULL', sectionPageLagMs: 50 });
    expect(config.dataDir).toMatch(/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad value in one clear message', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrowError(ConfigError);
    try {
      loadConfig({ PORT: '70000', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'PORT must be a whole number from 0 to 65535 (got "70000")',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      ]);
    }
  });

  it('takes 0 or a whole number of milliseconds for the section page lag', () => {
    expect(loadConfig({ SECTION_PAGE_LAG_MS: '0' }).sectionPageLagMs).toBe(0);
    expect(loadConfig({ SECTION_PAGE_LAG_MS: '200' }).sectionPageLagMs).toBe(200);
    expect(() => loadConfig({ SECTION_PAGE_LAG_MS: '-5' })).toThrowError('SECTION_PAGE_LAG_MS must be a whole number above 0 (got "-5")');
  });
});
