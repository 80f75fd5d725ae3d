/** A static export of the test application's site into a fresh temporary folder. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  bundleSearchClient,
  type ExportReport,
  exportSite,
} from '../../src/modules/export/index.ts';
import type { TestApp } from './app.ts';

export async function exportTestSite(app: TestApp): Promise<{ dir: string; report: ExportReport }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-export-'));
  const http = app.http();
  const report = await exportSite({
    fetch: async (p) => http.request(p),
    dir,
    publicUrl: app.config.publicUrl,
    searchSnapshot: () => app.services.search.snapshot(),
    searchScript: bundleSearchClient,
  });
  return { dir, report };
}
