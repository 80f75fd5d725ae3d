import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function sink(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, stream: Object.assign({ write: (s: string) => lines.push(s) }, { isTTY }) };
}

describe('createLogger', () => {
  it('writes one JSON object a line off a terminal, with the fields given', () => {
    const out = sink(false);
    const log = createLogger({ level: 'info', format: 'auto', stream: out.stream as never });
    log.info({ method: 'GET', path: '/films', status: 200, ms: 3.1 }, 'GET /films 200 3.1ms');
    log.debug('not at this level');
    expect(out.lines).toHaveLength(1);
    expect(JSON.parse(out.lines[0]!)).toMatchObject({
      level: 30,
      msg: 'GET /films 200 3.1ms',
      method: 'GET',
      path: '/films',
      status: 200,
      ms: 3.1,
    });
  });

  it('writes plain text on a terminal: time, level, message, fields, and an error stack', () => {
    const out = sink(true);
    const log = createLogger({ level: 'debug', format: 'auto', stream: out.stream as never });
    log.warn({ status: 503 }, 'not ready');
    log.error({ err: new Error('boom') }, 'GET /x failed');
    expect(out.lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}not ready status=503\n$/);
    expect(out.lines[1]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} ERROR GET \/x failed\nError: boom\n/);
  });

  it('says nothing when silent, and JSON when asked even on a terminal', () => {
    const quiet = sink(true);
    createLogger({ level: 'silent', format: 'auto', stream: quiet.stream as never }).error('x');
    expect(quiet.lines).toEqual([]);
    const json = sink(true);
    createLogger({ level: 'info', format: 'json', stream: json.stream as never }).info('y');
    expect(JSON.parse(json.lines[0]!)).toMatchObject({ msg: 'y' });
  });
});
