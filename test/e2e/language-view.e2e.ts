import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RUN_TIMEOUT_MS, squash, type PageGlobals } from './app-page';
import { useOpenedApp } from './app-suite';
import { screenshot } from './harness';

/** A small text with a pattern a tiny model picks up in seconds: ~2 000 tokens, ~30 words. */
const SENTENCES = [
  'the cat sat on the mat.',
  'the dog sat on the log.',
  'a cat saw the dog.',
  'the dog saw a cat.',
  'call me ishmael.',
  'the whale swam in the sea.',
];
const TEXT = Array.from(
  { length: 300 },
  (_, i) => SENTENCES[(i * 5) % SENTENCES.length]! + (i % 3 === 2 ? '\n' : ' '),
).join('');

/** The text the bars on screen answer, and their words. */
async function bars(page: Page): Promise<{ text: string | null; words: string | null }> {
  const chart = page.getByTestId('lm-bars');
  return {
    text: await chart.getAttribute('data-text'),
    words: await chart.getAttribute('data-words'),
  };
}

/** Waits until `testId`'s data-text is `text`; returns the ms from the call to then. */
async function answered(page: Page, text: string, testId = 'lm-bars'): Promise<number> {
  const started = Date.now();
  await page.waitForFunction(
    ([expected, id]) =>
      (globalThis as unknown as PageGlobals).document
        .querySelector(`[data-testid="${id}"]`)
        ?.getAttribute('data-text') === expected,
    [text, testId] as const,
    { timeout: 15_000, polling: 5 },
  );
  return Date.now() - started;
}

/** Waits until the bars answer `text`. */
const barsFor = (page: Page, text: string): Promise<number> => answered(page, text);
/** Waits until the tints (asked apart from the bars, once typing pauses) show `text`. */
const tintsFor = (page: Page, text: string): Promise<number> => answered(page, text, 'lm-reading');

/** Train a tiny model on a .txt file, then type and watch the next-word bars follow. */
describe('the Language view', () => {
  const { opened } = useOpenedApp();
  const dir = mkdtempSync(join(tmpdir(), 'rnn-lm-e2e-'));
  const file = join(dir, 'tiny-story.txt');

  beforeAll(() => writeFileSync(file, TEXT));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a .txt file and trains a tiny model with the n-gram line to beat', async () => {
    const { page } = opened();
    await page.getByRole('tab', { name: 'Language', exact: true }).click();
    await page.getByTestId('lm-file-input').setInputFiles(file);
    const summary = page.getByTestId('lm-corpus-summary');
    await summary.waitFor();
    expect(await page.getByRole('button', { name: /tiny-story\.txt/ }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'Bidirectional' }).isDisabled()).toBe(true);

    // Before any training the text's Kneser–Ney trigram answers the bars, and says so.
    await page.getByTestId('lm-reader').waitFor();
    expect(squash(await page.getByTestId('lm-reader').textContent())).toMatch(
      /^Kneser–Ney trigram · perplexity [\d.]+$/,
    );
    await page.getByLabel('Type a sentence').fill('the cat');
    await barsFor(page, 'the cat');
    expect(await page.getByTestId('lm-bars').getAttribute('data-words')).toMatch(/\S/);
    await screenshot(page, 'language-ngram-before-training');
    await page.getByLabel('Type a sentence').fill('');

    await page.getByLabel('Units of layer 1').fill('24');
    await page.getByLabel('Embedding size').fill('16');
    await page.getByLabel('Sequence length').fill('10');
    await page.getByLabel('Batch size').fill('16');
    await page.getByLabel('Learning rate').fill('0.02');
    // The budget is a segmented control: its labels take the clicks.
    await page.getByRole('radiogroup', { name: 'Budget' }).getByText('Epochs').click();
    await page.getByRole('spinbutton', { name: 'Epochs' }).fill('4');
    await page.getByRole('spinbutton', { name: 'Epochs' }).blur();

    await page.getByRole('button', { name: 'Train', exact: true }).click();
    await page.getByTestId('lm-outcome').waitFor({ timeout: RUN_TIMEOUT_MS });
    const perplexity = Number(await page.getByTestId('lm-perplexity').textContent());
    const baseline = Number(await page.getByTestId('lm-baseline').textContent());
    expect(perplexity).toBeGreaterThan(1);
    expect(baseline).toBeGreaterThan(1);
    await page.getByTestId('lm-curves').waitFor();
    await screenshot(page, 'language-trained');
  });

  it('shows next-word bars that follow the text as it is typed, tinted by surprise', async () => {
    const { page } = opened();
    const box = page.getByLabel('Type a sentence');
    await box.click();
    await box.pressSequentially('the cat', { delay: 30 });
    await barsFor(page, 'the cat');
    const first = await bars(page);
    expect(first.words?.split('|').length).toBe(10);

    // One more word, typed as a person does: the bars follow the newest text.
    await box.pressSequentially(' sat on the', { delay: 30 });
    const latency = await barsFor(page, 'the cat sat on the');
    const second = await bars(page);
    expect(second.words).not.toBe(first.words);
    // The model learnt that "the" is followed by a noun.
    expect(['cat', 'mat', 'dog', 'log', 'whale', 'sea']).toContain(second.words!.split('|')[0]);

    // A single keystroke on a warm model: the answer is on screen well under a second.
    const before = Date.now();
    await box.press('Backspace');
    await barsFor(page, 'the cat sat on th');
    const keystroke = Date.now() - before;
    expect(keystroke).toBeLessThan(1000);
    console.log(`keystroke → bars: ${keystroke} ms (after typing: ${latency} ms)`);

    const reading = page.getByTestId('lm-reading');
    await tintsFor(page, 'the cat sat on th');
    expect(await reading.locator('.token').count()).toBe(5);
    await box.pressSequentially('e zebra', { delay: 20 });
    await barsFor(page, 'the cat sat on the zebra');
    await tintsFor(page, 'the cat sat on the zebra');
    const unknown = reading.locator('[data-unknown]');
    expect(await unknown.textContent()).toBe('zebra');
    expect(await unknown.getAttribute('title')).toMatch(/not in the vocabulary/);
    await screenshot(page, 'language-typing');
  });

  it('appends a word from the chips and continues the text with Generate', async () => {
    const { page } = opened();
    const box = page.getByLabel('Type a sentence');
    await box.fill('call me');
    await barsFor(page, 'call me');
    const top = (await bars(page)).words!.split('|')[0]!;
    await page
      .getByRole('group', { name: 'Append a likely word' })
      .getByRole('button')
      .first()
      .click();
    expect(await box.inputValue()).toMatch(
      new RegExp(`^call me ?${top.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );

    const words = await box.inputValue();
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).not.toBe(words);
    expect((await box.inputValue()).startsWith(words)).toBe(true);
    await barsFor(page, await box.inputValue());
    await tintsFor(page, await box.inputValue());
    await screenshot(page, 'language-generated');
    expect(opened().errors).toEqual([]);
  });
});
