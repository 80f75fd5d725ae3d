/**
 * Bundles the export's search script (search-client.ts and the engine it imports) into one
 * browser file, with esbuild (installed with tsx, which runs Kinoteka): our own code, no CDN.
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
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no search script');
  return out.text;
}
