// Screenshots of every screen of the real app window (WebDriver screenshot), with the
// sample history, in light or dark (GTK_THEME=Adwaita:dark makes WebKit report dark).
//   xvfb-run -a -s "-screen 0 1280x800x24" node e2e/screenshots.mjs OUT_DIR [dark]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { launch } from "./webdriver.mjs";

const out = path.resolve(process.argv[2] ?? "target/screenshots");
const dark = process.argv[3] === "dark";
fs.mkdirSync(out, { recursive: true });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mille-shots-"));
const app = await launch({ MILLE_DB: path.join(dir, "mille.db"), MILLE_E2E_SAVE: path.join(dir, "paper.pdf"), ...(dark ? { GTK_THEME: "Adwaita:dark" } : {}) });
try {
  await app.cmd("POST", "/window/rect", { width: 1280, height: 800 }).catch(() => {});
  await app.screen("overview");
  // The first-run card: a name and handles, as a creator would give them.
  await app.type('[data-testid="first-run"] input[name="name"]', "Maya Lin");
  await app.type('[data-testid="first-run"] input[name="handle0"]', "@mayamakes");
  await app.type('[data-testid="first-run"] input[name="handle0-aud"]', "182k");
  await app.click('[data-action="save-first-run"]');
  await app.gone('[data-testid="first-run"]');
  await app.click('[data-action="sample"]');
  await app.waitFor('[data-testid="headline-cpm"]', 30000);
  const theme = dark ? "dark" : "light";
  await makeDeals(app);
  for (const name of ["overview", "posts", "deals", "import", "insights", "propose", "ratecard", "settings"]) {
    await app.screen(name);
    if (name === "propose") {
      await app.waitFor('[data-testid="total-target"]', 15000);
      await app.type('input[name="offer"]', "900");
      await app.click('[data-action="check-offer"]');
      await app.waitFor('[data-testid="offer"]', 10000);
    }
    if (name === "posts") await app.click('[data-action="log"]');
    if (name === "deals") {
      await app.waitFor(".deal-row");
      await app.exec("[...document.querySelectorAll('.deal-row')].find((e) => e.textContent.includes('Northwind Audio')).click()");
      await app.waitFor('[data-testid="deal-panel"]', 10000, "Northwind Audio");
    }
    await app.exec("document.getElementById('toast').classList.remove('show')");
    await sleep(600);
    // WebKitWebDriver's screenshot never answers when the page is no taller than the
    // window (seen on Import, and on Propose and Insights with an empty history): skip
    // that shot rather than wait for ever.
    const png = await Promise.race([app.screenshot(), sleep(20000).then(() => null)]);
    if (png) fs.writeFileSync(path.join(out, `${name}-${theme}.png`), png);
    else console.error(`no screenshot of ${name}: WebDriver did not answer`);
  }
} finally {
  await app.quit();
}

/// A few deals from Propose, at different stages, so the Deals screen has something
/// true to show: one invoiced and partly paid, one booked, one still negotiating.
async function makeDeals(app) {
  const save = async (brand) => {
    await app.screen("propose");
    await app.waitFor('[data-testid="total-target"]', 15000);
    await app.type('input[name="brand"]', brand);
    await app.click('[data-action="save-as-deal"]');
    await app.waitFor('[data-testid="deal-panel"]', 15000, brand);
  };
  const offer = async (amount) => {
    await app.type('form.offer-form input[name="amount"]', amount);
    await app.waitFor('[data-testid="offer-check"]', 10000, "percentile");
    await app.click('[data-action="record-offer"]');
    await app.waitFor('[data-testid="deal-offer"]', 10000, "percentile");
  };
  const book = async (fee, exclusivity = "") => {
    await app.type('form.book-form input[name="fee"]', fee);
    if (exclusivity) await app.type('form.book-form input[name="exclusivity"]', exclusivity);
    await app.click('[data-action="book"]');
    await app.waitFor('[data-testid="deal-stage"]', 10000, "Booked");
  };
  await save("Lumen Coffee");
  await offer("700");
  await save("Atlas Bikes");
  await offer("1500");
  await book("1650");
  await save("Northwind Audio");
  await offer("900");
  await offer("1400");
  await book("1800", "30");
  await app.click('[data-action="log-deliverables"]');
  await app.waitFor('[data-testid="deal-stage"]', 10000, "Delivered");
  await app.click('[data-action="create-invoice"]');
  await app.waitFor('[data-testid="deal-stage"]', 10000, "Invoiced");
  await app.type('form.pay-form input[name="amount"]', "600");
  await app.click('[data-action="record-payment"]');
  await app.waitFor('[data-testid="deal-payment"]', 10000, "$600.00");
}
