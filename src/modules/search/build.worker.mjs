// The search index build, off the main thread (search.service.ts, buildInWorker). Plain
// JavaScript so that Node starts it as it is; it loads tsx's loader when the engine is
// TypeScript source (Kinoteka runs from source), then the engine. The main thread sends the
// documents in chunks and 'end'; the worker answers with progress and the snapshot's bytes.
import { fileURLToPath } from 'node:url';
import { parentPort } from 'node:worker_threads';

const tsconfig = new URL('../../../tsconfig.json', import.meta.url);
const { register } = await import('tsx/esm/api');
register({ tsconfig: fileURLToPath(tsconfig) });
const { SearchIndex } = await import('./engine.ts');

const docs = [];
parentPort.on('message', (m) => {
  if (m.type === 'docs') {
    for (const d of m.docs) docs.push(d);
    return;
  }
  if (m.type !== 'end') return;
  try {
    const index = SearchIndex.build(docs, (done, total) =>
      parentPort.postMessage({ type: 'progress', done, total }),
    );
    const bytes = index.toSnapshot(m.meta ?? {});
    parentPort.postMessage({ type: 'done', bytes }, [bytes.buffer]);
  } catch (e) {
    parentPort.postMessage({ type: 'error', message: e instanceof Error ? e.stack : String(e) });
  }
});
