import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, SETTINGS } from './config.js';

describe('loadConfig', () => {
  it('runs on the embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8080);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toMatch(/data$/);
    expect(config.publicUrl).toBe('http://localhost:8080');
    expect(config.pendingReminderDays).toBe(7);
    expect(config.pendingSolveDays).toBe(14);
    expect(config.solvedCloseDays).toBe(7);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ RUN_JOBS: 'maybe' })).toThrow(/RUN_JOBS must be true or false/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a URL/);
  });

  it('derives the public URL from the port', () => {
    expect(loadConfig({ PORT: '9000' }).publicUrl).toBe('http://localhost:9000');
    expect(loadConfig({ PUBLIC_URL: 'https://support.example.com/' }).publicUrl).toBe('https://support.example.com');
  });
});

it('the README documents every setting', () => {
  const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const missing = Object.keys(SETTINGS).filter((key) => !readme.includes(`\`${key}\``));
  expect(missing).toEqual([]);
});
