import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to an embedded SQLite file and port 8080', () => {
    const c = loadConfig({}, '/srv/k');
    expect(c.database).toEqual({ kind: 'sqlite', file: '/srv/k/data/kinoteka.db' });
    expect(c.port).toBe(8080);
    expect(c.contentDir).toBe(path.resolve('/srv/k/content'));
    expect(c.publicUrl).toBe('http://localhost:8080');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads several media roots, separated by commas or colons, relative to the working folder', () => {
    const c = loadConfig({ KINOTEKA_MEDIA_ROOTS: 'films, /mnt/b:/mnt/c,' }, '/srv/k');
    expect(c.media.roots).toEqual(['/srv/k/films', '/mnt/b', '/mnt/c']);
    expect(loadConfig({}, '/srv/k').media.roots).toEqual([]);
    expect(c.media.cacheMaxBytes).toBe(2048 * 1024 * 1024);
    expect(() => loadConfig({ KINOTEKA_MEDIA_CACHE_MB: '1' })).toThrow(/KINOTEKA_MEDIA_CACHE_MB/);
  });

  it('recognises a PostgreSQL URL', () => {
    const c = loadConfig({ KINOTEKA_DATABASE_URL: 'postgres://u@db:5432/k' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/k' });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadConfig({
        KINOTEKA_PORT: 'eighty',
        KINOTEKA_DATABASE_URL: 'mysql://x',
        KINOTEKA_PUBLIC_URL: 'ftp://x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/KINOTEKA_PORT: must be a number \(got "eighty"\)/);
    expect(problems).toMatch(
      /KINOTEKA_DATABASE_URL: must be a SQLite file path or a postgres:\/\/ URL/,
    );
    expect(problems).toMatch(/KINOTEKA_PUBLIC_URL/);
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('rejects a port out of range', () => {
    expect(() => loadConfig({ KINOTEKA_PORT: '70000' })).toThrow(/TCP port/);
  });
});
