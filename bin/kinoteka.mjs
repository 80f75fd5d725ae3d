#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader, so the repository needs no build
// step and never carries generated JavaScript. The tsconfig is named explicitly: tsx would
// otherwise look in the current folder, and pages (JSX) fail when kinoteka runs from elsewhere.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { runCli } = await import('../src/cli/program.ts');
await runCli(process.argv);
