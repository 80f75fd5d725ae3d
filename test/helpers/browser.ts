/** Debian's Chromium, driven by playwright-core: never a downloaded browser. */
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.KINOTEKA_CHROMIUM ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
