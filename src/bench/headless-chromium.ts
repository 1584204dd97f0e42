import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, with nothing that reaches the network on its own (updates, sync,
 * background requests): how the browser tests and the tab bench drive the tab. Nothing downloads a
 * browser at run time.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
