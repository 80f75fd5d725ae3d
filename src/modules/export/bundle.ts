/**
 * Bundles the export's search script (search-client.ts and the engine it imports) into one
 * browser file, with esbuild (installed with tsx, which runs Kinoteka): our own code, no CDN.
 * The search module's index also exports the service (file system, worker threads), which the
 * browser never runs: Node's modules become empty stubs there.
 */
import { fileURLToPath } from 'node:url';

export async function bundleSearchClient(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./search-client.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'error',
    define: { 'import.meta.url': '""' },
    plugins: [
      {
        name: 'node-builtins-stubbed',
        setup(b) {
          b.onResolve({ filter: /^node:/ }, (a) => ({ path: a.path, namespace: 'node-stub' }));
          b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({
            contents: 'module.exports = {};',
            loader: 'js',
          }));
        },
      },
    ],
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no search script');
  return out.text;
}
