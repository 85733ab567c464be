// End-to-end test of the Import screen as a mapping screen (real-files.md "Mapping and
// messages", "Dates", §2): a German tracker whose dates read both ways, a column chosen
// by its menu, then a YouTube Studio export filling in a logged post's numbers.
// Set MILLE_E2E_SHOTS=DIR to keep a screenshot of the mapping screen there.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "./webdriver.mjs";

/// Two recent days whose day and month are both 12 or less (so `d/m/yyyy` reads both
/// ways), written day first, and the ISO dates they stand for.
function ambiguousDays() {
  const out = [];
  for (let ago = 20; out.length < 2 && ago < 330; ago++) {
    const d = new Date(Date.now() - ago * 86400000);
    const day = d.getDate();
    const month = d.getMonth() + 1;
    if (day <= 12 && day !== month && !out.some((o) => o.month === month)) {
      const pad = (n) => String(n).padStart(2, "0");
      out.push({ day, month, text: `${day}/${month}/${d.getFullYear()}`, iso: `${d.getFullYear()}-${pad(month)}-${pad(day)}` });
    }
  }
  return out;
}

async function selectValue(app, css) {
  return app.exec("return document.querySelector(arguments[0])?.value ?? null", css);
}

test("import: answer the date question, choose a column by its menu, then a YouTube Studio export updates a post", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mille-e2e-"));
  const file = path.join(dir, "import.csv");
  const app = await launch({ MILLE_DB: path.join(dir, "mille.db"), MILLE_E2E_OPEN: file });
  try {
    const [a, b] = ambiguousDays();
    fs.writeFileSync(
      file,
      "Datum,Marke,Plattform,Inhaltstyp,Honorar,Impressionen,URL,Notiz\n" +
        `${a.text},Acme,youtube,video,900,40000,https://www.youtube.com/watch?v=dQw4w9WgXcQ,first video\n` +
        `${b.text},Globex,instagram,reel,1200,61000,,launch post\n`,
    );
    await app.screen("import");
    let t0 = Date.now();
    await app.click('[data-action="choose-file"]');
    const question = await app.waitFor('[data-testid="date-question"]', 10000).catch(async (e) => {
      const shown = await app.exec("return document.querySelector('.screen').innerText");
      throw new Error(`${e.message}; the screen shows: ${shown}`);
    });
    console.log(`choose → date question: ${Date.now() - t0} ms`);
    assert.match(await app.text(question), new RegExp(`${a.text.replace(/\//g, "\\/")} — ${a.day} \\w+ \\d{4} or \\w+ ${a.month}, \\d{4}\\?`));
    // Every column has its menu; the German headers are read, Notiz is not a Mille column.
    assert.equal((await app.findAll('[data-testid="map-select"]')).length, 8);
    assert.equal(await selectValue(app, 'select[data-header="Honorar"]'), "fee");
    assert.equal(await selectValue(app, 'select[data-header="Notiz"]'), "");
    t0 = Date.now();
    await app.click('[data-action="date-dmy"]');
    await app.waitFor('[data-testid="import-ok"]', 10000, "2 new posts");
    console.log(`answer → preview: ${Date.now() - t0} ms`);
    // Notiz → notes through its menu; the preview is read again at once.
    t0 = Date.now();
    await app.click('select[data-header="Notiz"] option[value="notes"]').catch(() => {});
    // Should the driver not pick an option by clicking it, choose it as the keyboard would.
    if ((await selectValue(app, 'select[data-header="Notiz"]')) !== "notes") {
      await app.exec("const s = document.querySelector('select[data-header=\"Notiz\"]'); s.value = 'notes'; s.dispatchEvent(new Event('change'));");
    }
    for (let i = 0; i < 100; i++) {
      const note = await app.exec("return document.querySelector('[data-testid=\"map-row\"][data-header=\"Notiz\"] .col-note')?.textContent ?? ''");
      if ((await selectValue(app, 'select[data-header="Notiz"]')) === "notes" && note.includes("your choice")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`menu change → preview: ${Date.now() - t0} ms`);
    assert.equal(await selectValue(app, 'select[data-header="Notiz"]'), "notes");
    assert.match(await app.text(await app.find('[data-testid="map-row"][data-header="Notiz"]')), /your choice/);
    assert.match(await app.text(await app.find('[data-testid="date-chosen"]')), /day first/);
    const first = await app.text(await app.waitFor('[data-testid="import-ok"] table.posts tbody tr', 5000, "Acme"));
    assert.ok(first.includes(a.iso), `${first} is dated ${a.iso}`);
    if (process.env.MILLE_E2E_SHOTS) {
      await app.cmd("POST", "/window/rect", { width: 1280, height: 800 }).catch(() => {});
      await app.exec("document.getElementById('toast')?.classList.remove('show'); document.querySelector('[data-testid=\"import-columns\"]').scrollIntoView()");
      await new Promise((r) => setTimeout(r, 400));
      fs.mkdirSync(process.env.MILLE_E2E_SHOTS, { recursive: true });
      fs.writeFileSync(path.join(process.env.MILLE_E2E_SHOTS, "import-mapping.png"), await app.screenshot());
    }
    await app.click('[data-action="import-commit"]', "Import 2 posts");
    await app.waitFor('.screen[data-screen="posts"]');
    const acme = await app.waitFor("table.posts tbody tr[data-id]", 5000, "Acme");
    assert.match(await app.text(acme), /40,000/);
    await app.waitFor("table.posts tbody tr[data-id]", 5000, "Globex");
    await app.screen("overview");
    const before = await app.text(await app.waitFor('[data-testid="headline-cpm"]', 10000));

    // The same file name now holds a YouTube Studio export: it updates Acme's numbers.
    fs.writeFileSync(
      file,
      "Content,Video title,Video publish time,Duration,Likes,Comments added,Shares,Views,Watch time (hours),Subscribers,Thumbnail impressions,Thumbnail click-through rate (%)\n" +
        "Total,,,,1300,99,41,20521,1100.5,150,281589,4.3\n" +
        'dQw4w9WgXcQ,"Acme unboxing, honest review","Mar 4, 2025",812,1204,96,41,"12,731",1031.0412,133,243388,4.21\n' +
        "zYxWvUtSrQp,Shorts: 10 second tip,\"Apr 2, 2025\",12,55,3,-1,7790,5.0121,28,38201,7.7\n",
    );
    await app.screen("import");
    await app.click('[data-action="choose-file"]');
    const exp = await app.waitFor('[data-testid="export-preview"]', 10000, "YouTube Studio export: 1 post updated");
    const expText = await app.text(exp);
    assert.match(expText, /1 row matches no logged post/);
    const change = await app.text(await app.find('[data-testid="export-post"]'));
    assert.match(change, /Acme/);
    assert.match(change, /impressions 40,000 → 12,731/);
    await app.click('[data-action="export-commit"]', "Update 1 post");
    await app.waitFor('.screen[data-screen="posts"]');
    await app.waitFor("table.posts tbody tr[data-id]", 5000, "12,731");
    await app.screen("overview");
    const after = await app.text(await app.waitFor('[data-testid="headline-cpm"]', 10000));
    assert.notEqual(after, before, `the headline CPM moves with Acme's impressions (${before} → ${after})`);
  } finally {
    await app.quit();
  }
});
