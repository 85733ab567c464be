// End-to-end tests of the desktop app: the real `mille-app` debug binary in a real
// window (under Xvfb in scripts/test), driven through WebDriver, on a temporary
// database and the real core. Run by scripts/test (`node --test e2e/`).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "./webdriver.mjs";

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "mille-e2e-"));
}

async function withApp(env, body) {
  const dir = tempDir();
  const app = await launch({ MILLE_DB: path.join(dir, "mille.db"), ...env(dir) });
  try {
    await body(app, dir);
  } finally {
    await app.quit();
  }
}

async function logPost(app, { brand, fee, impressions = "" }) {
  await app.screen("posts");
  await app.click('[data-action="log"]');
  await app.waitFor("form.post-form");
  await app.type('form.post-form input[name="brand"]', brand);
  await app.type('form.post-form input[name="fee"]', fee);
  if (impressions) await app.type('form.post-form input[name="impressions"]', impressions);
  await app.click('[data-action="save-post"]');
  await app.gone("form.post-form");
}

test("log a post, see it in Posts and in Overview's numbers", async () => {
  await withApp(() => ({}), async (app) => {
    await app.screen("overview");
    await app.waitFor(".empty", 10000, "Your rates start with your history");
    // A bad fee is refused next to the fee field, and what was typed stays.
    await app.screen("posts");
    await app.click('[data-action="log"]');
    await app.type('form.post-form input[name="brand"]', "Northwind Coffee");
    await app.type('form.post-form input[name="fee"]', "12x0");
    await app.type('form.post-form input[name="impressions"]', "50,000");
    await app.click('[data-action="save-post"]');
    await app.waitFor('[data-error-for="fee"]', 5000, "Fee");
    const brand = await app.exec('return document.querySelector(\'form.post-form input[name="brand"]\').value');
    assert.equal(brand, "Northwind Coffee");
    await app.type('form.post-form input[name="fee"]', "1250");
    await app.click('[data-action="save-post"]');
    await app.gone("form.post-form");
    const row = await app.waitFor("table.posts tbody tr", 5000, "Northwind Coffee");
    const rowText = await app.text(row);
    assert.match(rowText, /\$1,250\.00/);
    assert.match(rowText, /50,000/);
    assert.match(rowText, /\$25\.00/); // 1250 / 50,000 × 1000
    await app.screen("overview");
    assert.equal(await app.text(await app.waitFor('[data-testid="headline-cpm"]')), "$25.00");
    assert.equal(await app.text(await app.find('[data-testid="headline-n"]')), "n = 1");
    const ms = await app.exec("return document.body.dataset.readyMs || null");
    if (ms) console.log(`first interactive paint: ${ms} ms after launch`);
  });
});

test("import: a file with an error adds nothing and shows the line; a good file imports", async () => {
  await withApp((dir) => ({ MILLE_E2E_OPEN: path.join(dir, "campaign.csv") }), async (app, dir) => {
    const file = path.join(dir, "campaign.csv");
    fs.writeFileSync(file, "date,brand,platform,format,fee,impressions\n2026-03-02,Acme,instagram,reel,900,40000\n2026-13-40,Globex,tiktok,video,1200,61000\n");
    await app.screen("import");
    await app.click('[data-action="choose-file"]');
    const errs = await app.waitFor('[data-testid="import-errors"]', 10000);
    const errText = await app.text(errs);
    assert.match(errText, /Line 3/);
    assert.match(errText, /date/i);
    assert.equal((await app.findAll('[data-action="import-commit"]')).length, 0);
    await app.screen("posts");
    await app.waitFor(".empty", 5000, "No posts yet");

    fs.writeFileSync(file, "date,brand,platform,format,fee,impressions\n2026-03-02,Acme,instagram,reel,900,40000\n2026-04-11,Globex,tiktok,video,1200,61000\n2026-05-20,Initech,youtube,video,2400,\n");
    await app.screen("import");
    await app.click('[data-action="choose-file"]');
    await app.click('[data-action="import-commit"]', "Import 3 posts");
    await app.waitFor('.screen[data-screen="posts"]');
    for (const b of ["Acme", "Globex", "Initech"]) await app.waitFor("table.posts tbody tr", 5000, b);
    assert.equal((await app.findAll("table.posts tbody tr[data-id]")).length, 3);
  });
});

test("draft a proposal and check an offer", async () => {
  await withApp(() => ({}), async (app) => {
    await app.screen("overview");
    await app.click('[data-action="sample"]');
    await app.waitFor('[data-testid="headline-cpm"]', 30000);
    await app.screen("propose");
    const target = await app.text(await app.waitFor('[data-testid="total-target"]', 15000));
    assert.match(target, /^\$[\d,]+$/);
    const floor = await app.text(await app.find('[data-testid="total-floor"]'));
    const anchor = await app.text(await app.find('[data-testid="total-anchor"]'));
    const n = (s) => Number(s.replace(/[$,]/g, ""));
    assert.ok(n(floor) <= n(target) && n(target) <= n(anchor), `${floor} ≤ ${target} ≤ ${anchor}`);
    await app.type('input[name="offer"]', "10");
    await app.click('[data-action="check-offer"]');
    // The form also re-runs itself shortly after typing, replacing the result: look the
    // elements up again rather than holding on to one.
    await app.waitFor('[data-testid="offer"]', 10000, "below floor");
    await app.waitFor('[data-testid="offer"]', 10000, "percentile");
    await app.waitFor('[data-testid="counter"]', 10000, `Counter with ${target}.`);
  });
});

test("export a rate card PDF to a path and find it there", async () => {
  await withApp((dir) => ({ MILLE_E2E_SAVE: path.join(dir, "card.pdf") }), async (app, dir) => {
    await app.screen("overview");
    await app.click('[data-action="sample"]');
    await app.waitFor('[data-testid="headline-cpm"]', 30000);
    await app.screen("ratecard");
    await app.waitFor('[data-testid="ratecard-preview"] img', 30000);
    const meta = await app.text(await app.waitFor("form.ratecard-form p.muted", 5000, "valid until"));
    await app.click('[data-action="export-pdf"]');
    const out = path.join(dir, "card.pdf");
    for (let i = 0; i < 300 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fs.existsSync(out), "the PDF was written where the save dialog said");
    assert.equal(fs.readFileSync(out).subarray(0, 5).toString(), "%PDF-");
    const { execFileSync } = await import("node:child_process");
    const text = execFileSync("pdftotext", ["-layout", out, "-"]).toString();
    assert.match(text, /valid until/);
    // Every package price the screen lists is on the card.
    for (const price of meta.match(/\$\d{1,3}(?:,\d{3})*/g) ?? []) assert.ok(text.includes(price), `${price} on the card`);
  });
});

test("edit the card's packages, add a proposal to the card, export a proposal PDF", async () => {
  await withApp((dir) => ({ MILLE_E2E_SAVE: path.join(dir, "proposal.pdf") }), async (app, dir) => {
    await app.screen("overview");
    await app.click('[data-action="sample"]');
    await app.waitFor('[data-testid="headline-cpm"]', 30000);
    // Propose: export the quote at target, then add the request to the rate card.
    await app.screen("propose");
    const target = await app.text(await app.waitFor('[data-testid="total-target"]', 15000));
    const floor = await app.text(await app.find('[data-testid="total-floor"]'));
    await app.click('[data-action="export-proposal"]');
    const out = path.join(dir, "proposal.pdf");
    for (let i = 0; i < 300 && !fs.existsSync(out); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(fs.existsSync(out), "the proposal PDF was written where the save dialog said");
    const { execFileSync } = await import("node:child_process");
    const text = execFileSync("pdftotext", ["-layout", out, "-"]).toString();
    assert.ok(text.includes(target), `the target ${target} is on the proposal`);
    if (floor !== target) assert.ok(!text.includes(floor), `the floor ${floor} is not on the proposal`);
    await app.type('input[name="package_name"]', "Holiday <b>bundle</b>");
    await app.click('[data-action="add-to-ratecard"]');
    await app.waitFor("#toast", 5000, "Added");
    // Rate card: the new package is in the editor; rename Premium, save, see it listed.
    await app.screen("ratecard");
    await app.waitFor('[data-testid="packages-editor"] input[name="package3-name"]', 15000);
    const names = [];
    for (const el of await app.findAll('[data-testid="packages-editor"] input[name$="-name"]')) names.push(await app.value(el));
    assert.deepEqual(names, ["Essential", "Standard", "Premium", "Holiday <b>bundle</b>"]);
    await app.type('input[name="package2-name"]', "Signature");
    await app.click('[data-action="save-packages"]');
    await app.waitFor("form.ratecard-form p.muted", 30000, "Signature");
    const meta = await app.text(await app.find("form.ratecard-form p.muted"));
    assert.match(meta, /Holiday <b>bundle<\/b> \$[\d,]+/, "the HTML-looking name is listed as text");
    // A wrong quantity is refused beside its package, and nothing is saved.
    await app.type('input[name="package0-line0-quantity"]', "0");
    await app.click('[data-action="save-packages"]');
    const err = await app.waitFor('[data-error-for="package0"]', 5000, "quantity");
    assert.match(await app.text(err), /package "Essential", line 1: quantity "0"/i);
  });
});

test("delete a post and undo", async () => {
  await withApp(() => ({}), async (app) => {
    await logPost(app, { brand: "Soon Gone Ltd", fee: "300", impressions: "12000" });
    await logPost(app, { brand: "Stays Inc", fee: "500", impressions: "20000" });
    const row = await app.waitFor("table.posts tbody tr[data-id]", 5000, "Soon Gone Ltd");
    const id = await app.exec("return arguments[0].dataset.id", { "element-6066-11e4-a52e-4f735466cecf": row });
    await app.click(`tr[data-id="${id}"] [data-action="delete"]`);
    await app.gone(`tr[data-id="${id}"]`);
    await app.click('[data-action="undo"]');
    await app.waitFor(`tr[data-id="${id}"]`, 5000, "Soon Gone Ltd");
    // The Undo is a real button in the tab order while shown, and Ctrl+Z runs it.
    await app.click(`tr[data-id="${id}"] [data-action="delete"]`);
    await app.gone(`tr[data-id="${id}"]`);
    assert.equal(await app.exec("const b = document.querySelector('[data-action=undo]'); b.focus(); return document.activeElement === b && b.tagName"), "BUTTON");
    await app.exec("document.activeElement.blur()");
    await app.ctrl("z");
    await app.waitFor(`tr[data-id="${id}"]`, 5000, "Soon Gone Ltd");
    await app.waitFor("#toast", 5000, "Restored Soon Gone Ltd");
    // Hidden, the toast's button is out of the tab order.
    await app.exec("document.getElementById('toast').classList.remove('show')");
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(await app.exec("const b = document.querySelector('#toast button'); if (!b) return true; b.focus(); return document.activeElement !== b"), true);
    // Deleted again, it waits in the Trash and comes back from there.
    await app.click(`tr[data-id="${id}"] [data-action="delete"]`);
    await app.gone(`tr[data-id="${id}"]`);
    await app.click('[data-action="trash"]');
    // The Trash is paged by the core as Posts is: its place, then the post.
    await app.waitFor('[data-testid="trash-range"]', 5000, "1–1 of 1");
    await app.click(`tr[data-id="${id}"] [data-action="restore"]`);
    await app.gone(`tr[data-id="${id}"]`);
  });
});

test("a brand written as HTML shows as text and runs nothing", async () => {
  await withApp(() => ({}), async (app) => {
    await app.exec("window.__pwned = false; window.alert = () => { window.__pwned = true; };");
    const brand = "<img src=x onerror=alert(1)>";
    await logPost(app, { brand, fee: "100" }); // no impressions: it also shows in the Overview nudge
    const cell = await app.waitFor("table.posts td.brand-cell", 5000, brand);
    assert.equal(await app.text(cell), brand);
    await app.screen("overview");
    await app.waitFor('[data-testid="nudge"]', 5000, brand);
    // "Add impressions" opens that post's Edit form (fetched by id, not from a page).
    await app.click('[data-testid="nudge"] button', "Add impressions");
    await app.waitFor("form.post-form .form-title", 5000, `Edit ${brand}`);
    assert.equal(await app.exec("return document.activeElement.name"), "impressions");
    await app.screen("insights");
    await app.click('[data-dim="brand"]');
    await app.waitFor("table.report td.brand-cell", 5000, brand);
    assert.equal(await app.exec("return document.querySelectorAll('#app img').length"), 0);
    assert.equal(await app.exec("return window.__pwned"), false);
    assert.equal(await app.alertText(), null);
  });
});

test("posts: sort by fee and page through the history, 50 at a time, keeping the filters", async () => {
  await withApp(() => ({}), async (app) => {
    await app.screen("overview");
    await app.click('[data-action="sample"]');
    await app.waitFor('[data-testid="headline-cpm"]', 30000);
    // Leaving the Rate card while it typesets: its late answer is dropped, the Posts
    // screen stays whole and keeps the focus on its heading.
    await app.click('.nav-item[data-screen="ratecard"]');
    await app.screen("posts");
    await app.waitFor('[data-testid="posts-range"]', 10000, "1–50 of 160");
    await new Promise((r) => setTimeout(r, 2500));
    assert.deepEqual(await app.exec("return [...document.querySelectorAll('main .screen')].map((s) => s.dataset.screen)"), ["posts"]);
    assert.equal(await app.focused(), "H1 Posts", "the focus moves to the new screen's heading");
    await app.waitFor('[data-testid="posts-range"]', 10000, "1–50 of 160");
    assert.equal((await app.findAll("table.posts tbody tr[data-id]")).length, 50);
    const sortOf = (k) => app.exec(`return document.querySelector('[data-sort="${k}"]').closest("th").getAttribute("aria-sort")`);
    assert.equal(await sortOf("date"), "descending");
    await app.click('[data-sort="fee"]');
    await app.waitFor('th[aria-sort="descending"] [data-sort="fee"]');
    assert.equal(await sortOf("date"), "none");
    const fees = () => app.exec(`return [...document.querySelectorAll("table.posts tbody tr[data-id] td:nth-child(5)")].map((td) => td.firstChild.textContent)`);
    const n = (s) => Number(s.replace(/[^0-9.]/g, ""));
    const page1 = await fees();
    assert.equal(page1.length, 50);
    for (let i = 1; i < page1.length; i++) assert.ok(n(page1[i - 1]) >= n(page1[i]), `${page1[i - 1]} ≥ ${page1[i]}`);
    await app.click('[data-action="next-page"]');
    await app.waitFor('[data-testid="posts-range"]', 10000, "51–100 of 160");
    const page2 = await fees();
    assert.ok(n(page1[49]) >= n(page2[0]), "page 2 goes on where page 1 stopped");
    await app.click('[data-action="next-page"]');
    await app.click('[data-action="next-page"]');
    await app.waitFor('[data-testid="posts-range"]', 10000, "151–160 of 160");
    assert.equal(await app.exec("return document.querySelector('[data-action=next-page]').disabled"), true);
    // Ascending, from the first page again.
    await app.click('[data-sort="fee"]');
    await app.waitFor('th[aria-sort="ascending"] [data-sort="fee"]');
    await app.waitFor('[data-testid="posts-range"]', 10000, "1–50 of 160");
    const asc = await fees();
    assert.ok(n(asc[0]) <= n(asc[1]));
    // A platform filter narrows the total; the sort, the filter and the page stay
    // when the screen is left and opened again.
    await app.exec(`const s = document.querySelector('.table-tools select[name="platform"]'); s.value = "tiktok"; s.dispatchEvent(new Event("change"));`);
    await app.waitFor('[data-testid="posts-range"]', 10000, "1–");
    const range = await app.text(await app.find('[data-testid="posts-range"]'));
    const total = Number(range.split(" of ")[1].replace(/,/g, ""));
    assert.ok(total > 0 && total < 160, range);
    for (const el of await app.findAll("table.posts tbody tr[data-id] td:nth-child(3)")) assert.equal(await app.text(el), "TikTok");
    await app.screen("overview");
    await app.screen("posts");
    await app.waitFor('[data-testid="posts-range"]', 10000, range);
    assert.equal(await sortOf("fee"), "ascending");
    assert.equal(await app.exec(`return document.querySelector('.table-tools select[name="platform"]').value`), "tiktok");
    // Insights pages its groups the same way: by platform, format and brand the sample
    // has more than 50, and a click on Fee sorts them in the core, highest first.
    await app.screen("insights");
    await app.click('[data-dim="brand"]');
    await app.waitFor('[data-testid="groups-range"]', 10000, "1–50 of ");
    const groupsRange = await app.text(await app.find('[data-testid="groups-range"]'));
    const groups = Number(groupsRange.replace(/^.* of ([\d,]+) groups$/, "$1").replace(/,/g, ""));
    assert.ok(groups > 50 && groups <= 100, groupsRange);
    assert.equal((await app.findAll("table.report tbody tr.group")).length, 50);
    await app.click('table.report [data-sort="fee"]');
    await app.waitFor('table.report th[aria-sort="descending"] [data-sort="fee"]');
    const groupFees = () => app.exec(`return [...document.querySelectorAll("table.report tbody tr.group td:nth-child(6)")].map((td) => td.textContent)`);
    const top = await groupFees();
    for (let i = 1; i < top.length; i++) assert.ok(n(top[i - 1]) >= n(top[i]), `${top[i - 1]} ≥ ${top[i]}`);
    await app.click('[data-testid="report"] [data-action="next-page"]');
    await app.waitFor('[data-testid="groups-range"]', 10000, `51–${groups} of`);
    const rest = await groupFees();
    assert.equal(rest.length, groups - 50);
    assert.ok(n(top[49]) >= n(rest[0]), "page 2 goes on where page 1 stopped");
    // A group opens its own posts, asked for by id when it opens: as many as its Posts
    // figure, each of its brand.
    const first = "table.report tbody tr.group";
    const [brandName, postsFigure] = await app.exec(`const tr = document.querySelector('${first}'); return [tr.children[2].textContent, tr.children[3].textContent]`);
    await app.exec(`document.querySelector('${first}').click()`);
    await app.waitFor("table.report tr.group-detail .group-posts li", 10000, brandName);
    const items = await app.exec(`return [...document.querySelectorAll("table.report tr.group-detail .group-posts li")].map((li) => li.textContent)`);
    assert.equal(items.length, Math.min(100, n(postsFigure)));
    assert.ok(items.every((t) => t.includes(brandName)), items.join(" | "));
  });
});

test("first run: the Overview asks for her name and handles, saved to the profile, then not again", async () => {
  await withApp(() => ({}), async (app) => {
    await app.screen("overview");
    const card = await app.waitFor('[data-testid="first-run"]', 10000, "who are you");
    assert.ok(card);
    // It comes before the rest of the Overview.
    assert.equal(await app.exec(`return document.querySelector('[data-testid="first-run"]').compareDocumentPosition(document.querySelector(".empty")) & Node.DOCUMENT_POSITION_FOLLOWING ? "before" : "after"`), "before");
    await app.click('[data-action="save-first-run"]');
    await app.waitFor('[data-testid="first-run"] [data-error-for="name"]', 5000, "name");
    await app.type('[data-testid="first-run"] input[name="name"]', "Maya Lin");
    await app.type('[data-testid="first-run"] input[name="handle0"]', "@mayamakes");
    await app.type('[data-testid="first-run"] input[name="handle0-aud"]', "182k");
    await app.click('[data-action="save-first-run"]');
    await app.gone('[data-testid="first-run"]');
    await app.waitFor("#toast", 5000, "Maya Lin");
    await app.screen("settings");
    assert.equal(await app.value(await app.waitFor('input[name="name"]')), "Maya Lin");
    assert.equal(await app.value(await app.find('input[name="handle0"]')), "@mayamakes");
    assert.match(await app.value(await app.find('input[name="handle0-aud"]')), /182/);
    await app.screen("overview");
    await app.waitFor(".empty", 10000, "Your rates start with your history");
    assert.equal((await app.findAll('[data-testid="first-run"]')).length, 0);
  });
});
