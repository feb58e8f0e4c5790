// Stakeholder decks on the demo: a data scientist builds a deck of live blocks (ROI curve, drift heatmap, fairness
// disparity, overview KPIs, text), freezes one, reorders slides with the keyboard, writes speaker notes and reloads
// to find everything saved; presents it with the keyboard (notes panel, presenter window kept in sync); exports PPTX
// (native charts) and PDF (one page per slide); shares it, and a stakeholder opens the link read-only. Finally a
// generated executive summary is undone once and deleted. Only decks are created: models, aliases and policies are
// left as the later specs expect them.
import type { Page, TestInfo } from '@playwright/test';
import JSZip from 'jszip';
import { expect, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

async function snap(page: Page, info: TestInfo, name: string) {
  if (!process.env.E2E_SCREENSHOTS) return;
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}

const DECK = `e2e board pack ${Date.now().toString(36)}`;
const NOTES = 'Ask for the budget: the ROI curve peaks well before we run out of offers.';
// The slide order after the keyboard move (the bullets slide goes up one, above the KPIs).
const ORDER = ['Churn programme review', 'What the campaign earns', 'Drift and fairness', 'Next steps', 'Where we stand'];
let deckId = '';
let sharedPath = '';

const slideButton = (page: Page, i: number, title: string) => page.getByRole('list', { name: 'Slides' }).getByRole('button', { name: `Slide ${i}: ${title}`, exact: true });
const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveText('Saved');

async function addSlide(page: Page, layout: string, title: string) {
  await page.getByLabel('New slide layout').selectOption(layout);
  await page.getByRole('button', { name: 'Add slide' }).click();
  await page.getByLabel('Slide title').fill(title);
}

test('a data scientist builds a deck of live blocks, freezes one, reorders by keyboard, and it all survives a reload', async ({ page, login }, info) => {
  test.setTimeout(120_000);
  await login.signInAs('data_scientist');
  await page.goto('/decks');
  await expect(page.getByRole('heading', { name: 'Decks', level: 1 })).toBeVisible();
  await page.getByLabel('New deck name').fill(DECK);
  await page.getByRole('button', { name: 'New deck', exact: true }).click();
  await expect(page).toHaveURL(/\/decks\/[^/?]+$/);
  deckId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await expect(page.getByLabel('Deck name')).toHaveValue(DECK);

  // Slide 1, the title slide the new deck starts with.
  await expect(slideButton(page, 1, DECK)).toBeVisible();
  await page.getByLabel('Slide title').fill(ORDER[0]!);
  await page.getByLabel('Slide subtitle').fill('Quarterly review for the leadership team');

  await addSlide(page, 'title_chart', ORDER[1]!);
  await page.getByLabel('Block 1 content').selectOption('roi_curve');

  await addSlide(page, 'two_charts', ORDER[2]!);
  await page.getByLabel('Block 1 content').selectOption('drift_heatmap');
  await page.getByLabel('Block 2 content').selectOption('fairness_disparity');
  await page.getByLabel('Block 2 attribute').selectOption('age_band');
  await page.getByLabel('Block 2 metric').selectOption('fpr');

  await addSlide(page, 'kpis', 'Where we stand');
  await page.getByLabel('Block 1 content').selectOption('overview_kpis');
  // Freeze the KPIs: the next save snapshots them, and the picker says when.
  const mode = page.getByRole('radiogroup', { name: 'Block 1 mode' });
  await mode.getByText('Frozen', { exact: true }).click();
  await expect(mode.getByRole('radio', { name: 'Frozen' })).toBeChecked();
  await expect(page.getByTestId('block-1-freshness')).toContainText('Frozen at', { timeout: 15_000 });

  await addSlide(page, 'bullets', 'Next steps');
  await page.getByLabel('Block 1 text').fill('Three decisions for this quarter.\n\n- Raise the retention offer budget\n- Review the 65+ thresholds\n- Retrain after the price change');
  await expect(slideButton(page, 5, 'Next steps')).toBeVisible();

  // Reorder by keyboard: focus the last slide and move it up one.
  await slideButton(page, 5, 'Next steps').focus();
  await page.keyboard.press('Alt+ArrowUp');
  for (const [i, t] of ORDER.entries()) await expect(slideButton(page, i + 1, t)).toBeVisible();
  await expect(slideButton(page, 4, 'Next steps')).toBeFocused();
  await page.getByLabel('Speaker notes').fill(NOTES);
  await saved(page);

  // The live blocks render on the slide preview.
  const preview = (i: number) => page.getByRole('region', { name: `Slide ${i} of 5`, exact: true });
  await expect(preview(4)).toContainText('Review the 65+ thresholds');
  await slideButton(page, 2, ORDER[1]!).click();
  await expect(preview(2).locator('.recharts-surface').first()).toBeVisible();
  await slideButton(page, 3, ORDER[2]!).click();
  await expect(preview(3).locator('[data-flagged="true"]').first()).toBeVisible();
  await expect(preview(3).locator('.recharts-bar-rectangle').first()).toBeVisible();
  await slideButton(page, 5, 'Where we stand').click();
  await expect(preview(5).getByRole('listitem').first()).toBeVisible();
  await snap(page, info, 'deck-editor');

  await page.reload();
  await expect(page.getByLabel('Deck name')).toHaveValue(DECK);
  for (const [i, t] of ORDER.entries()) await expect(slideButton(page, i + 1, t)).toBeVisible();
  await slideButton(page, 5, 'Where we stand').click();
  await expect(page.getByLabel('Block 1 content')).toHaveValue('overview_kpis');
  await expect(page.getByTestId('block-1-freshness')).toContainText('Frozen at');
  await slideButton(page, 4, 'Next steps').click();
  await expect(page.getByLabel('Speaker notes')).toHaveValue(NOTES);
  await slideButton(page, 3, ORDER[2]!).click();
  await expect(page.getByLabel('Block 1 content')).toHaveValue('drift_heatmap');
  await expect(page.getByLabel('Block 2 content')).toHaveValue('fairness_disparity');
  await expect(page.getByLabel('Block 2 metric')).toHaveValue('fpr');
  await expect(page.getByTestId('save-status')).toHaveText('Saved');
});

test('presents with the keyboard, shows the notes, and a presenter window follows and drives the slides', async ({ page, login }, info) => {
  await login.signInAs('data_scientist');
  await page.goto(`/decks/${deckId}`);
  await page.getByRole('link', { name: 'Present' }).click();
  await expect(page).toHaveURL(/\/present/);
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 5');
  await expect(page.getByRole('region', { name: 'Slide 1 of 5', exact: true })).toBeVisible();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('region', { name: 'Slide 4 of 5', exact: true })).toBeVisible();
  await expect(page.getByTestId('slide-counter')).toHaveText('4 / 5');
  await page.keyboard.press('n');
  await expect(page.getByRole('region', { name: 'Presenter notes' })).toContainText(NOTES);
  await snap(page, info, 'deck-present');
  await page.keyboard.press('End');
  await expect(page.getByRole('region', { name: 'Slide 5 of 5', exact: true })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByRole('region', { name: 'Slide 1 of 5', exact: true })).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('region', { name: 'Slide 2 of 5', exact: true })).toBeVisible();

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Open presenter window' }).click()]);
  await expect(popup.getByTestId('presenter-counter')).toHaveText('Now: slide 2 of 5');
  await expect(popup.getByRole('figure', { name: 'Next slide' })).toContainText(ORDER[2]!);
  await expect(popup.getByRole('timer')).toHaveText(/^\d+:\d{2}$/);
  await popup.keyboard.press('ArrowRight');
  await popup.keyboard.press('ArrowRight');
  await expect(popup.getByRole('region', { name: 'Speaker notes' })).toContainText(NOTES);
  await expect(page.getByRole('region', { name: 'Slide 4 of 5', exact: true })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(popup.getByTestId('presenter-counter')).toHaveText('Now: slide 3 of 5');
  await popup.close();

  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`/decks/${deckId}$`));
});

test('exports a PPTX with a slide per slide and native charts, and a PDF with a page per slide', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.goto(`/decks/${deckId}`);
  const pptxHref = await page.getByRole('link', { name: 'Export PPTX' }).getAttribute('href');
  const pptx = await page.request.get(pptxHref!);
  expect(pptx.status()).toBe(200);
  const zip = await JSZip.loadAsync(await pptx.body());
  const files = Object.keys(zip.files);
  expect(files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(ORDER.length);
  expect(files.filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f)).length).toBeGreaterThanOrEqual(1);

  const pdfHref = await page.getByRole('link', { name: 'Export PDF' }).getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  const text = (await pdf.body()).toString('latin1');
  expect(text.startsWith('%PDF')).toBe(true);
  expect(text.match(/\/Type\s*\/Page(?!s)/g)).toHaveLength(ORDER.length);
});

test('a share link opens read-only for a stakeholder, with present mode and the exports', async ({ page, login }, info) => {
  await login.signInAs('data_scientist');
  await page.goto(`/decks/${deckId}`);
  await page.getByRole('button', { name: 'Share' }).click();
  await page.getByRole('button', { name: 'Create share link' }).click();
  const link = page.getByLabel('Share link');
  await expect(link).toHaveValue(/\/decks\/shared\/[^/]+$/);
  sharedPath = new URL(await link.inputValue(), page.url()).pathname;
  await page.goto('/decks');
  await expect(page.getByRole('table', { name: 'Decks' }).getByRole('row', { name: new RegExp(DECK) })).toContainText('Shared');

  await login.signInAs('stakeholder');
  await page.goto(sharedPath);
  await expect(page.getByRole('heading', { name: DECK, level: 1 })).toBeVisible();
  for (let i = 1; i <= ORDER.length; i++) await expect(page.getByRole('region', { name: `Slide ${i} of 5`, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Slide 4 of 5', exact: true })).toContainText('Raise the retention offer budget');
  // Read-only: nothing to type into, no slide controls.
  await expect(page.getByRole('textbox')).toHaveCount(0);
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add slide' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Share' })).toHaveCount(0);
  const pdfHref = await page.getByRole('link', { name: 'Export PDF' }).getAttribute('href');
  expect(pdfHref).toContain('token=');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  await snap(page, info, 'deck-shared');

  await page.getByRole('link', { name: 'Present' }).click();
  // The shared page itself labels its slides "Slide i of 5": wait for present mode's counter, not just a region.
  await expect(page.getByTestId('slide-counter')).toHaveText('1 / 5');
  await expect(page.getByRole('region', { name: 'Slide 1 of 5', exact: true })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(page.getByRole('region', { name: 'Slide 2 of 5', exact: true })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(new RegExp(`${sharedPath}$`));
});

test('an executive summary is generated in one click, undone once, and deleted after a confirmation', async ({ page, login }) => {
  await login.signInAs('data_scientist');
  await page.goto('/decks');
  await page.getByRole('button', { name: 'Executive summary' }).click();
  await expect(page).toHaveURL(/\/decks\/[^/?]+$/, { timeout: 20_000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
  await expect(page.getByRole('list', { name: 'Slides' }).getByRole('button', { name: /^Slide 1: / })).toBeVisible();

  // Undo the last change: the title comes back.
  await page.getByRole('list', { name: 'Slides' }).getByRole('button', { name: /^Slide 1: / }).click();
  const before = await page.getByLabel('Slide title').inputValue();
  await page.getByLabel('Slide title').fill('A title to undo');
  await saved(page);
  await page.getByRole('button', { name: 'Undo last change' }).click();
  await expect(page.getByLabel('Slide title')).toHaveValue(before);

  await page.goto('/decks');
  const row = page.locator(`tr:has(a[href="/decks/${id}"])`);
  await row.getByRole('button', { name: /^Delete / }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText('cannot be undone');
  await dialog.getByRole('button', { name: 'Delete deck' }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Decks' }).getByRole('link', { name: DECK })).toBeVisible();
});
