#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader, so the repository needs no build
// step and never carries generated JavaScript.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/program.ts');
await runCli(process.argv);
