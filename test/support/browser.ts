import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium) unless CHROMIUM_PATH names another; playwright-core downloads none. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.join(__dirname, '..', 'artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `describe` when Chromium is installed. Otherwise `describe.skip` after saying so in one line, or,
 * under CI (CI set and not "false" or "0"), one failing test with that line: a green CI must have
 * run the browser tests.
 */
export function describeWithChromium(name: string, fn: () => void): void {
  if (fs.existsSync(CHROMIUM_PATH)) return describe(name, fn);
  const missing = `no Chromium at ${CHROMIUM_PATH} (install it: apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI && !['false', '0'].includes(process.env.CI)) {
    describe(name, () => {
      it('runs in Chromium', () => {
        throw Object.assign(new Error(`FAILED browser tests "${name}" under CI: ${missing}`), { stack: '' });
      });
    });
    return;
  }
  process.stderr.write(`SKIPPED browser tests "${name}": ${missing}\n`);
  describe.skip(name, fn);
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium on a fresh profile (its own user-data-dir, removed on close), English and UTC for stable text. */
export async function launchChromium(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dashboard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Pins the pages' `Date` (new Date(), Date.now()) to `at`; timers run as usual. Not Playwright's
 * context.clock: set to a time in the past, it kept a page's setTimeout from firing (1.65).
 */
export async function freezeBrowserDate(context: BrowserContext, at: Date): Promise<void> {
  await context.addInitScript((fixed: number) => {
    class FixedDate extends Date {
      constructor(...args: ConstructorParameters<DateConstructor> | []) {
        if (args.length === 0) super(fixed);
        else super(...(args as ConstructorParameters<DateConstructor>));
      }
      static now(): number {
        return fixed;
      }
    }
    globalThis.Date = FixedDate as DateConstructor;
  }, at.getTime());
}

/** Saves a full-page screenshot under test/artifacts/ (gitignored). */
export function screenshotPath(name: string): string {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, `${name}.png`);
}

// This TypeScript program is compiled for Node, without the DOM's global names (window, document…):
// page-side code reaches them through the element, or is passed as an expression string.

/** A computed CSS property of the element (`pseudo` e.g. '::before'). */
export const computedStyle = (locator: Locator, property: string, pseudo: string | null = null): Promise<string> =>
  locator.evaluate(
    (element, [name, pseudoElement]) =>
      element.ownerDocument.defaultView!.getComputedStyle(element, pseudoElement).getPropertyValue(name),
    [property, pseudo] as const,
  );

/** Evaluates a JavaScript expression in the page, e.g. `document.title`. */
export const pageValue = <T>(page: Page, expression: string): Promise<T> => page.evaluate<T>(expression);
