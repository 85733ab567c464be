// End-to-end: a backup taken in Settings, a post logged after it, the backup restored
// (the post is gone), and the restore undone from its notice (the post is back).
import { test } from "node:test";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launch } from "./webdriver.mjs";

test("restore a backup, then undo the restore from its notice", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mille-e2e-"));
  const app = await launch({ MILLE_DB: path.join(dir, "mille.db") });
  try {
    await app.screen("settings");
    await app.click('[data-action="backup-now"]');
    await app.waitFor("#toast", 5000, "Backup taken");

    await app.screen("posts");
    await app.click('[data-action="log"]');
    await app.waitFor("form.post-form");
    await app.type('form.post-form input[name="brand"]', "Contoso Tea");
    await app.type('form.post-form input[name="fee"]', "640");
    await app.click('[data-action="save-post"]');
    await app.gone("form.post-form");
    await app.waitFor("table.posts tbody tr", 5000, "Contoso Tea");

    await app.screen("settings");
    await app.click('[data-action="restore-backup"][data-kind="manual"]');
    await app.waitFor("#toast", 5000, "Restored the backup");
    await app.screen("posts");
    await app.waitFor(".empty", 5000, "No posts yet");
    await app.click('#toast [data-action="undo"]');
    await app.waitFor("#toast", 5000, "Restore undone");
    await app.screen("overview");
    await app.screen("posts");
    await app.waitFor("table.posts tbody tr", 5000, "Contoso Tea");
  } finally {
    await app.quit();
  }
});
