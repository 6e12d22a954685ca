// The web app in a real browser against the real server: an in-memory database with the two seed trials
// (and one synthetic multi-site record for the site list and map), the built app from dist/web, and
// Debian's Chromium driven by playwright-core. `npm test` builds dist/web first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { upsertTrials } from '../../src/store/trials.ts';
import { startBrowserHarness, type BrowserHarness } from './fixtures/harness.ts';

const MULTICENTRE_TITLE = 'Clinical Study of UCB Combined With UC-MSCs in the Treatment of Bone Marrow Failure Disorders';
const HEBEI_TITLE = 'Umbilical Cord Derived Mesenchymal Stem Cells Therapy in Aplastic Anemia';

let harness: BrowserHarness;

before(async () => {
  harness = await startBrowserHarness({
    prepare: async (database) => {
      const multisite = JSON.parse(readFileSync(new URL('./fixtures/multisite-trial.json', import.meta.url), 'utf8'));
      await upsertTrials(database.db, [{ trial: multisite, source: 'ctgov' }]);
    },
  });
});

after(async () => harness?.close());

/** A fresh browser profile (empty localStorage) per test, failing the test on any script error. */
const openPage = (path: string, options: { width?: number; height?: number } = {}) => harness.openPage(path, options);

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('search page', () => {
  test('searching "aplastic anemia" lists both seed trials, with matched words marked', async () => {
    const { page, context, errors } = await openPage('/');
    try {
      await page.getByLabel('Condition, treatment or keyword').fill('aplastic anemia');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('q') === 'aplastic anemia');
      const results = page.getByRole('region', { name: /Search results/ });
      await results.getByRole('link', { name: MULTICENTRE_TITLE }).waitFor();
      await results.getByRole('link', { name: HEBEI_TITLE }).waitFor();
      assert.match(await page.locator('#results-heading').innerText(), /\b3 trials\b/);
      assert.ok((await page.locator('.result-snippet mark').count()) > 0, 'snippet terms are rendered as <mark>');
      assert.equal(await page.locator('.result-snippet').first().innerText().then((text) => /[«»]/.test(text)), false);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a status facet filters the results and is kept in the URL', async () => {
    const { page, context, errors } = await openPage('/?q=aplastic+anemia');
    try {
      await page.getByRole('link', { name: HEBEI_TITLE }).waitFor();
      await page.getByRole('group', { name: 'Recruitment status' }).getByLabel('Not yet recruiting').check();
      await page.waitForURL((url) => url.searchParams.get('status') === 'NOT_YET_RECRUITING');
      await page.getByRole('link', { name: HEBEI_TITLE }).waitFor({ state: 'detached' });
      await page.getByRole('link', { name: MULTICENTRE_TITLE }).waitFor();
      assert.match(await page.locator('#results-heading').innerText(), /\b1 trial\b/);
      // Back restores the unfiltered search.
      await page.goBack();
      await page.getByRole('link', { name: HEBEI_TITLE }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('pages through results with the pagination links', async () => {
    const { page, context } = await openPage('/?q=aplastic+anemia&pageSize=1');
    try {
      const pages = page.getByRole('navigation', { name: 'Pages' });
      await pages.waitFor();
      assert.match(await pages.locator('[aria-current="page"]').innerText(), /Page 1, current page/);
      await pages.getByRole('link', { name: /Next/ }).click();
      await page.waitForURL((url) => url.searchParams.get('page') === '2');
      await page.getByText('Showing 2–2 of 3').waitFor();
    } finally {
      await context.close();
    }
  });

  test('shows the API error message when the API rejects a parameter', async () => {
    const { page, context } = await openPage('/?pageSize=0');
    try {
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.innerText(), /pageSize/);
    } finally {
      await context.close();
    }
  });

  test('a search near a city shows the nearest site and its distance', async () => {
    const { page, context } = await openPage('/?q=aplastic+anemia&near=Beijing&distance=500');
    try {
      const card = page.locator('article', { has: page.getByRole('link', { name: /Synthetic Multicentre Fixture/ }) });
      await card.waitFor();
      assert.match(await card.innerText(), /Beijing fixture site/);
      assert.match(await page.locator('#results-heading').innerText(), /near Beijing/);
      // Seed trials list no sites, so a place filter leaves only the fixture.
      assert.equal(await page.getByRole('link', { name: HEBEI_TITLE }).count(), 0);
    } finally {
      await context.close();
    }
  });
});

test('the location box suggests matching places from the gazetteer', async () => {
  const { page, context, errors } = await openPage('/');
  try {
    await page.getByLabel('Location').fill('Jinan');
    const suggestion = page.locator('datalist option[value="Jinan"]').first();
    await suggestion.waitFor({ state: 'attached' });
    assert.match((await suggestion.getAttribute('label')) ?? '', /Shandong, China/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

describe('trial page', () => {
  test('the multicentre seed shows its title, collaborators and criteria split into inclusion and exclusion', async () => {
    const { page, context, errors } = await openPage('/?q=aplastic+anemia');
    try {
      await page.getByRole('link', { name: MULTICENTRE_TITLE }).click();
      await page.waitForURL(/\/trials\/NCT05794425$/);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), MULTICENTRE_TITLE);
      const collaborators = page.getByRole('list', { name: /Collaborators/ });
      assert.equal(await collaborators.getByRole('listitem').count(), 30);
      await collaborators.getByText("Binzhou People's Hospital", { exact: true }).waitFor();
      await collaborators.getByText('Zigong No.1 Peoples Hospital', { exact: true }).waitFor();
      await page.getByLabel('Filter collaborators').fill('weihai');
      assert.equal(await collaborators.getByRole('listitem').count(), 2);

      const inclusion = page.getByRole('list', { name: /Inclusion criteria/ });
      const exclusion = page.getByRole('list', { name: /Exclusion criteria/ });
      assert.ok(await inclusion.isVisible());
      assert.ok(await exclusion.isVisible());
      assert.equal(await inclusion.getByRole('listitem').count(), 8);
      assert.equal(await exclusion.getByRole('listitem').count(), 10);
      assert.match(await inclusion.getByRole('listitem').nth(6).innerText(), /ECOG 0-2/);
      assert.match(await exclusion.innerText(), /pregnant or breastfeeding/);
      await page.getByText('Randomized', { exact: true }).waitFor();
      await page.getByText('UCB&MSCs-BMF-2023', { exact: true }).waitFor();
      assert.equal(
        await page.getByRole('link', { name: /View this record on ClinicalTrials.gov/ }).getAttribute('href'),
        'https://clinicaltrials.gov/study/NCT05794425',
      );
      // Back to the results the user came from.
      await page.getByRole('link', { name: /Back to search results/ }).click();
      await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('q') === 'aplastic anemia');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the Hebei seed shows ages, arm, contact and both criteria lists', async () => {
    const { page, context, errors } = await openPage('/trials/NCT03055078');
    try {
      await page.getByRole('heading', { level: 1, name: HEBEI_TITLE }).waitFor();
      await page.getByText('14 years to 60 years', { exact: true }).waitFor();
      await page.getByText('Jun Zhang, Master').waitFor();
      const inclusion = page.getByRole('list', { name: /Inclusion criteria/ });
      await inclusion.getByText('Diagnosis of AA according to established criteria in 2010').waitFor();
      await page.getByRole('list', { name: /Exclusion criteria/ }).getByText('Pregnancy and lactation.').waitFor();
      await page.locator('.arm').getByText('Biological: mesenchymal stem cells').waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('an unknown NCT number shows a friendly not-found page', async () => {
    const { page, context } = await openPage('/trials/NCT00000001');
    try {
      await page.getByRole('heading', { level: 1, name: 'Trial not found' }).waitFor();
      assert.match(await page.locator('main').innerText(), /NCT00000001/);
    } finally {
      await context.close();
    }
  });

  test('sites are ordered by distance from the place given, and drawn on the map', async () => {
    const { page, context, errors } = await openPage('/trials/NCT99999901');
    try {
      const sites = page.locator('.site-list > li');
      await sites.first().waitFor();
      assert.equal(await page.locator('.sites-map .map-site').count(), 5);
      // In the sponsor's order until a place is given.
      assert.match(await sites.first().innerText(), /Guangzhou fixture site/);
      await page.getByLabel('Sort sites by distance from').fill('Jinan');
      await page.getByRole('button', { name: 'Sort by distance' }).click();
      await page.getByText(/Distances from Jinan/).waitFor();
      assert.match(await sites.first().innerText(), /Jinan fixture site\s[\s\S]*\b0 km\b/);
      assert.match(await sites.nth(1).innerText(), /Beijing fixture site/);
      assert.equal(new URL(page.url()).searchParams.get('place')?.startsWith('Jinan'), true);
      // Typed coordinates work without geocoding.
      await page.getByLabel('Sort sites by distance from').fill('31.2,121.5');
      await page.getByRole('button', { name: 'Sort by distance' }).click();
      await page.getByText('Distances from 31.2,121.5').waitFor();
      assert.match(await sites.first().innerText(), /Shanghai fixture site/);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('language', () => {
  test('switching to 简体中文 translates the interface, sets <html lang> and persists across reloads', async () => {
    const { page, context, errors } = await openPage('/trials/NCT05794425');
    try {
      await page.getByRole('heading', { level: 1, name: MULTICENTRE_TITLE }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('button', { name: '简体中文' }).click();
      await page.getByRole('heading', { name: /^纳入标准/ }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '查找试验' }).waitFor();
      await page.locator('.trial-header').getByText('尚未招募').first().waitFor();
      await page.getByText('随机', { exact: true }).waitFor();

      await page.reload();
      await page.getByRole('heading', { name: /^排除标准/ }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.getByRole('button', { name: '简体中文' }).getAttribute('aria-pressed'), 'true');

      await page.getByRole('link', { name: '查找试验' }).click();
      await page.getByRole('heading', { level: 1, name: '查找临床试验' }).waitFor();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('heading', { level: 1, name: 'Find clinical trials' }).waitFor();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('small screens and keyboard', () => {
  test('at 360 px wide nothing scrolls sideways, and the filters open from a button', async () => {
    const { page, context } = await openPage('/?q=aplastic+anemia&near=Jinan&distance=2000', { width: 360, height: 740 });
    try {
      await page.getByRole('link', { name: /Synthetic Multicentre Fixture/ }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, 'search page overflows at 360 px');
      const statusFacet = page.getByRole('group', { name: 'Recruitment status' });
      assert.equal(await statusFacet.isVisible(), false);
      await page.getByRole('button', { name: 'Show filters' }).click();
      assert.equal(await statusFacet.isVisible(), true);

      for (const path of ['/trials/NCT05794425', '/trials/NCT99999901?near=36.67,117&place=Jinan', '/trials/NCT03055078']) {
        await page.goto(harness.url + path);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('#identifiers').waitFor();
        assert.equal(await horizontalOverflow(page), 0, `${path} overflows at 360 px`);
      }
      await page.getByRole('button', { name: '简体中文' }).click();
      await page.getByRole('heading', { name: /^纳入标准/ }).waitFor();
      assert.equal(await horizontalOverflow(page), 0, 'trial page in Chinese overflows at 360 px');
    } finally {
      await context.close();
    }
  });

  test('the search box is reached with Tab and the search submitted with Enter', async () => {
    const { page, context, errors } = await openPage('/');
    try {
      await page.getByRole('heading', { level: 1, name: 'Find clinical trials' }).waitFor();
      let reached = false;
      for (let presses = 0; presses < 12 && !reached; presses++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name === 'q');
      }
      assert.ok(reached, 'Tab never reached the search box');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      assert.notEqual(outline, 'none', 'the focused search box shows a focus outline');
      await page.keyboard.type('aplastic anemia');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === 'aplastic anemia');
      await page.getByRole('link', { name: HEBEI_TITLE }).waitFor();
      await page.getByRole('link', { name: MULTICENTRE_TITLE }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const { page, context } = await openPage('/');
    try {
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to main content');
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    } finally {
      await context.close();
    }
  });
});
