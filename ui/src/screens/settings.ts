// Settings: the profile (name, handles with audience, base currency, payment terms,
// accent, the rate card's logo), the pricing settings with where each default comes from, and the data:
// database location, backups (list, create, restore).
import { api, type ProfileView, type SettingView } from "../api";
import { clearErrors, refreshInfo, showError, state, toast, type ScreenContext } from "../app";
import { button, clear, field, h, input, select } from "../dom";

export async function render(root: HTMLElement, _opts: unknown, ctx: ScreenContext): Promise<void> {
  const [profile, settings, backups] = await ctx.keep(Promise.all([api.getProfile(), api.getSettings(), api.listBackups()]));
  root.append(h("header", "screen-head", h("h1", {}, "Settings")), profileForm(profile),
    settingsForm(settings, "pricing", "Pricing", "Each setting changes how proposals are priced. Press Enter or leave the field to save."),
    settingsForm(settings, "deals", "Deals and invoices", "Payment terms, invoice numbers and the tax line of your invoices. Press Enter or leave the field to save."),
    dataSection(backups));
}

function textarea(name: string, value: string, placeholder: string): HTMLTextAreaElement {
  const el = h("textarea", { attrs: { name, rows: 3, placeholder, spellcheck: "false" } });
  el.value = value;
  return el;
}

function profileForm(p: ProfileView): HTMLElement {
  const info = state.info!;
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const name = input("name", p.name, { placeholder: "Your name as brands see it" });
  const currency = input("base_currency", p.base_currency, { maxlength: "3" });
  const terms = input("payment_terms", p.payment_terms, { placeholder: "e.g. 50 % upfront, rest net 30" });
  const accent = input("accent", p.accent, { type: "color" });
  // Who invoices are from (every field may stay empty; empty ones are left off).
  const b = p.business;
  const legal = input("legal_name", b.legal_name, { placeholder: "Defaults to your name" });
  const taxId = input("tax_id", b.tax_id, { placeholder: "e.g. DE123456789" });
  const email = input("email", b.email, { placeholder: "you@example.com", type: "email" });
  const address = textarea("address", b.address, "Street, postcode and city, one per line");
  const payment = textarea("payment_details", b.payment_details, "e.g. IBAN DE44 5001 0517 5407 3249 31");
  const taxNote = input("tax_note", b.tax_note, { placeholder: "e.g. Reverse charge: VAT to be accounted for by the recipient" });
  const handles = h("div", "handles");
  const rows: ProfileView["handles"] = p.handles.length ? p.handles.map((x) => ({ ...x })) : [];
  const draw = () => {
    clear(handles);
    rows.forEach((r, i) => {
      const pl = select(`handle${i}-platform`, info.platforms.map((x) => [x.slug, x.name]), r.platform);
      const hd = input(`handle${i}`, r.handle, { placeholder: "@handle", "aria-label": `Handle ${i + 1}` });
      const au = input(`handle${i}-aud`, r.audience, { placeholder: "audience", inputmode: "numeric", "aria-label": `Audience ${i + 1}` });
      pl.setAttribute("aria-label", `Platform ${i + 1}`);
      pl.addEventListener("change", () => (r.platform = pl.value));
      hd.addEventListener("input", () => (r.handle = hd.value));
      au.addEventListener("input", () => (r.audience = au.value));
      handles.append(h("div", { class: "field handle-row", attrs: { "data-field": `handle${i}` } }, h("div", "line-inputs", pl, hd, au, button("Remove", () => { rows.splice(i, 1); draw(); }, "link")), h("div", { class: "error", attrs: { "data-error-for": `handle${i}` } })));
    });
  };
  draw();
  const logoName = h("span", { class: "logo-name", attrs: { "data-testid": "logo-name" } }, p.logo ?? "No logo");
  const removeLogo = button("Remove", async () => {
    clearErrors(form);
    try {
      await api.removeLogo();
      p.logo = null;
      logoName.textContent = "No logo";
      removeLogo.hidden = true;
      toast("Logo removed.");
    } catch (x) {
      showError(form, x as never, err);
    }
  }, "link", { "data-action": "remove-logo" });
  removeLogo.hidden = !p.logo;
  const chooseLogo = button("Choose logo…", async () => {
    clearErrors(form);
    try {
      const chosen = await api.chooseLogo();
      if (chosen) {
        p.logo = chosen;
        logoName.textContent = chosen;
        removeLogo.hidden = false;
        toast("Logo saved: it is on your rate card.");
      }
    } catch (x) {
      showError(form, x as never, err);
    }
  }, "ghost", { "data-action": "choose-logo" });
  const form = h("form", { class: "card", attrs: { novalidate: true } },
    h("div", "form-title", "Profile"),
    h("div", "grid4", field("Name", name, "name"), field("Base currency", currency, "base_currency", "All figures are in it."), field("Payment terms", terms, "payment_terms"), field("Accent colour", accent, "accent")),
    h("div", "sub-title", "Handles and audience"),
    handles,
    h("div", "form-actions tight", button("Add a handle", () => { rows.push({ platform: info.last_platform, handle: "", audience: "" }); draw(); }, "ghost")),
    h("div", "sub-title", "On your invoices"),
    h("div", "grid4", field("Legal name", legal, "legal_name"), field("Tax ID", taxId, "tax_id"), field("Email", email, "email"), field("Tax note", taxNote, "tax_note")),
    h("div", "grid2", field("Address", address, "address"), field("Payment details", payment, "payment_details", "How brands pay you; printed on every invoice.")),
    h("div", "sub-title", "Logo on the rate card"),
    h("div", { class: "field logo-row", attrs: { "data-field": "logo" } },
      h("div", "line-inputs", logoName, chooseLogo, removeLogo),
      h("div", "hint", "A PNG, JPEG or SVG, up to 5 MB."),
      h("div", { class: "error", attrs: { role: "alert", "data-error-for": "logo" } })),
    err,
    h("div", "form-actions", h("button", { class: "primary", attrs: { type: "submit" } }, "Save profile")));
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    try {
      await api.setProfile({ name: name.value, handles: rows, base_currency: currency.value, payment_terms: terms.value, accent: accent.value, logo: p.logo,
        business: { legal_name: legal.value, address: address.value, tax_id: taxId.value, email: email.value, payment_details: payment.value, tax_note: taxNote.value } });
      await refreshInfo();
      toast("Profile saved.");
    } catch (x) {
      showError(form, x as never, err);
    }
  });
  return form;
}

function settingsForm(list: SettingView[], group: string, title: string, about: string): HTMLElement {
  const body = h("div", "settings-list");
  const draw = (items: SettingView[]) => {
    clear(body);
    for (const s of items.filter((x) => x.group === group)) {
      const el = input(s.key, s.value, { "aria-label": s.key });
      const row = h("div", { class: "setting field", attrs: { "data-field": s.key } },
        h("div", "setting-main", h("label", { attrs: { for: `s-${s.key}` } }, s.key.replace(/_/g, " ")), h("div", "setting-source", `Default ${s.default}: ${s.source}`), h("div", { class: "error", attrs: { "data-error-for": s.key } })),
        el);
      el.id = `s-${s.key}`;
      el.addEventListener("change", async () => {
        clearErrors(body);
        try {
          draw(await api.setSetting(s.key, el.value));
          toast(`Saved ${s.key.replace(/_/g, " ")}.`);
        } catch (x) {
          showError(body, x as never, row.querySelector(".error")!);
        }
      });
      body.append(row);
    }
  };
  draw(list);
  return h("section", { class: "card", attrs: { "data-group": group } }, h("div", "form-title", title), h("p", "muted", about), body);
}

function dataSection(backups: Awaited<ReturnType<typeof api.listBackups>>): HTMLElement {
  const list = h("ul", "backups");
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const draw = (items: typeof backups) => {
    clear(list);
    if (!items.length) list.append(h("li", "muted", "No backups yet. Mille takes one each day you open it, and before every import."));
    for (const b of items) {
      list.append(h("li", {}, h("span", {}, b.created.replace("T", " ").replace("Z", " UTC")), h("span", "muted", ` · ${b.kind} · ${Math.ceil(b.bytes / 1024)} KB`),
        button("Restore", async () => {
          try {
            const saved = await api.restoreBackup(b.name);
            await refreshInfo();
            // Undo restores what the restore replaced (kept as a backup first).
            toast(`Restored the backup of ${b.created.slice(0, 10)}; what it replaced is kept as ${saved.name}.`, {
              label: "Undo",
              run: async () => {
                try {
                  await api.restoreBackup(saved.name);
                  await refreshInfo();
                  toast("Restore undone: your history is as it was.");
                  draw(await api.listBackups());
                } catch (x) {
                  err.textContent = (x as { message: string }).message;
                }
              },
            }, 10000);
            draw(await api.listBackups());
          } catch (x) {
            err.textContent = (x as { message: string }).message;
          }
        }, "link", { "data-action": "restore-backup", "data-kind": b.kind })));
    }
  };
  draw(backups);
  return h("section", "card", h("div", "form-title", "Data"),
    h("p", "muted", `Mille ${state.info?.version ?? ""} — your history lives in one file on this computer:`),
    h("code", "path", state.info?.db_path ?? ""),
    h("div", "form-actions", button("Back up now", async () => {
      try { await api.createBackup(); toast("Backup taken."); draw(await api.listBackups()); } catch (x) { err.textContent = (x as { message: string }).message; }
    }, "secondary", { "data-action": "backup-now" })),
    err, list);
}
