// A small WebDriver client (W3C protocol over fetch) that drives the real Mille app
// through tauri-driver + WebKitWebDriver. Each `launch` starts its own tauri-driver
// with the given environment (MILLE_DB: a temporary database; MILLE_E2E_OPEN /
// MILLE_E2E_SAVE: the paths the native dialogs would return, which WebDriver cannot
// drive), so every test has a fresh app on a fresh database.
import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "..");
export const appBinary = process.env.MILLE_APP_BIN ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(root, "target"), "debug", "mille-app");
const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
let nextPort = 4444 + Math.floor(Math.random() * 200) * 2;

export async function launch(env) {
  const port = nextPort;
  nextPort += 2;
  const driverBin = process.env.TAURI_DRIVER ?? "tauri-driver";
  const driver = spawn(driverBin, ["--port", String(port), "--native-port", String(port + 1)], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "inherit"],
    // Its own process group: WebKitWebDriver and the app it starts join it, so quit()
    // can end all of them even when closing the session fails (a leftover app keeps
    // the test runner waiting).
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch {}
    if (i > 100) throw new Error("tauri-driver did not start");
    await sleep(100);
  }
  const res = await req(base, "POST", "/session", {
    capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: appBinary } } },
  });
  const app = new App(base, res.sessionId, driver);
  await app.waitFor("[data-screen].screen", 30000);
  return app;
}

async function req(base, method, url, body) {
  const r = await fetch(base + url, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await r.json().catch(() => ({}));
  if (!r.ok) {
    const e = new Error(`${method} ${url}: ${json.value?.error ?? r.status} ${json.value?.message ?? ""}`);
    e.code = json.value?.error;
    throw e;
  }
  return json.value;
}

export class App {
  constructor(base, id, driver) {
    this.base = base;
    this.id = id;
    this.driver = driver;
  }
  cmd(method, url, body) {
    return req(this.base, method, `/session/${this.id}${url}`, body);
  }
  async quit() {
    try {
      await this.cmd("DELETE", "");
    } catch {}
    const group = -this.driver.pid;
    const signal = (sig) => {
      try {
        process.kill(group, sig);
      } catch {}
    };
    signal("SIGTERM");
    await Promise.race([
      new Promise((r) => (this.driver.exitCode !== null || this.driver.signalCode !== null ? r() : this.driver.once("exit", r))),
      sleep(3000),
    ]);
    await sleep(200);
    signal("SIGKILL"); // whatever of the group is still there (the app, WebKit's processes)
  }
  exec(script, ...args) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }
  async find(css) {
    const v = await this.cmd("POST", "/element", { using: "css selector", value: css });
    return v[ELEMENT];
  }
  async findAll(css) {
    const v = await this.cmd("POST", "/elements", { using: "css selector", value: css });
    return v.map((e) => e[ELEMENT]);
  }
  /// Waits until `css` matches (and, if given, its text contains `text`).
  async waitFor(css, timeout = 10000, text) {
    const end = Date.now() + timeout;
    let last = "";
    for (;;) {
      try {
        const els = await this.findAll(css);
        for (const el of els) {
          if (text === undefined) return el;
          last = await this.text(el);
          if (last.includes(text)) return el;
        }
      } catch {}
      if (Date.now() > end) throw new Error(`timed out waiting for ${css}${text ? ` with text ${JSON.stringify(text)} (last: ${JSON.stringify(last)})` : ""}`);
      await sleep(100);
    }
  }
  async gone(css, timeout = 10000) {
    const end = Date.now() + timeout;
    while ((await this.findAll(css)).length) {
      if (Date.now() > end) throw new Error(`${css} still there`);
      await sleep(100);
    }
  }
  text(el) {
    return this.cmd("GET", `/element/${el}/text`);
  }
  value(el) {
    return this.cmd("GET", `/element/${el}/property/value`);
  }
  async click(css, text) {
    const el = await this.waitFor(css, 10000, text);
    await this.cmd("POST", `/element/${el}/click`, {});
  }
  async type(css, value, { clear = true } = {}) {
    // A screen that redraws as data arrives may replace the field between finding and
    // typing ("stale element"): find it again, a few times.
    for (let attempt = 1; ; attempt++) {
      try {
        const el = await this.waitFor(css);
        await this.exec("document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' })", css);
        if (clear) await this.cmd("POST", `/element/${el}/clear`, {});
        await this.cmd("POST", `/element/${el}/value`, { text: value });
        return;
      } catch (e) {
        if (attempt >= 5 || !/stale element/.test(String(e.message ?? e))) throw e;
        await sleep(150);
      }
    }
  }
  async screen(name) {
    await this.click(`.nav-item[data-screen="${name}"]`);
    await this.waitFor(`.screen[data-screen="${name}"]`);
  }
  /// Presses `key` with Control held (WebDriver key actions: real key events).
  async ctrl(key) {
    const CTRL = "\uE009";
    await this.cmd("POST", "/actions", {
      actions: [{ type: "key", id: "keyboard", actions: [
        { type: "keyDown", value: CTRL }, { type: "keyDown", value: key }, { type: "keyUp", value: key }, { type: "keyUp", value: CTRL },
      ] }],
    });
    await this.cmd("DELETE", "/actions").catch(() => {});
  }
  /// The focused element's tag and text, as "H1 Posts".
  focused() {
    return this.exec("const e = document.activeElement; return e ? `${e.tagName} ${e.textContent.trim()}` : null");
  }
  async screenshot() {
    return Buffer.from(await this.cmd("GET", "/screenshot"), "base64");
  }
  async alertText() {
    try {
      return await this.cmd("GET", "/alert/text");
    } catch (e) {
      if (e.code === "no such alert") return null;
      throw e;
    }
  }
}
