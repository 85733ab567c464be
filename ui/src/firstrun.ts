// The first-run card: while the profile has no name (a fresh database), the Overview
// (and the Rate card screen) ask for the creator's name and her handles with their
// audience before anything else, so a rate card never goes out without a name line.
// Saved through `set_profile`, read by the core's profile reader (182k, @handle); the
// card is gone once a name is saved.
import { api, type ProfileView } from "./api";
import { clearErrors, refreshInfo, showError, state, toast, type ScreenContext } from "./app";
import { button, clear, field, h, input, select } from "./dom";

/// The card for `profile`; `saved` runs once the name is stored.
export function firstRunCard(profile: ProfileView, ctx: ScreenContext, saved: (p: ProfileView) => void, title = "First, who are you on your rate card?"): HTMLElement {
  const info = state.info!;
  const err = h("p", { class: "form-error", attrs: { role: "alert" } });
  const name = input("name", profile.name, { placeholder: "Your name as brands see it", autocomplete: "name" });
  const rows: ProfileView["handles"] = profile.handles.length ? profile.handles.map((x) => ({ ...x })) : [{ platform: info.last_platform || "instagram", handle: "", audience: "" }];
  const handles = h("div", "handles");
  const draw = () => {
    clear(handles);
    rows.forEach((r, i) => {
      const pl = select(`handle${i}-platform`, info.platforms.map((x) => [x.slug, x.name]), r.platform);
      pl.setAttribute("aria-label", `Platform ${i + 1}`);
      const hd = input(`handle${i}`, r.handle, { placeholder: "@handle", "aria-label": `Handle ${i + 1}` });
      const au = input(`handle${i}-aud`, r.audience, { placeholder: "audience, e.g. 182k", inputmode: "decimal", "aria-label": `Audience ${i + 1}` });
      pl.addEventListener("change", () => (r.platform = pl.value));
      hd.addEventListener("input", () => (r.handle = hd.value));
      au.addEventListener("input", () => (r.audience = au.value));
      handles.append(
        h("div", { class: "field handle-row", attrs: { "data-field": `handle${i}` } },
          h("div", "line-inputs", pl, hd, au, rows.length > 1 ? button("Remove", () => { rows.splice(i, 1); draw(); }, "link", { "aria-label": `Remove handle ${i + 1}` }) : null),
          h("div", { class: "error", attrs: { role: "alert", "data-error-for": `handle${i}` } })),
      );
    });
  };
  draw();
  const save = h("button", { class: "primary", attrs: { type: "submit", "data-action": "save-first-run" } }, "Save");
  const form = h(
    "form",
    { class: "card first-run", attrs: { "data-testid": "first-run", "aria-label": "Your name and handles", novalidate: true } },
    h("div", "form-title", title),
    h("p", "muted", "Your name and handles head the rate card brands receive. Add the audience of each handle as you would say it (182k, 1.2M)."),
    h("div", "first-run-name", field("Name", name, "name")),
    h("div", "sub-title", "Handles and audience"),
    handles,
    err,
    h("div", "form-actions", save, button("Add a handle", () => { rows.push({ platform: info.last_platform || "instagram", handle: "", audience: "" }); draw(); }, "ghost")),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors(form);
    if (!name.value.trim()) {
      showError(form, { kind: "field.name", message: "Type your name: it heads your rate card." }, err);
      return;
    }
    save.disabled = true;
    try {
      // The core leaves out a row without a handle; the rows keep their places, so an
      // error about handle i lands beside row i.
      const p = await ctx.keep(api.setProfile({ ...profile, name: name.value, handles: rows }));
      await ctx.keep(refreshInfo());
      toast(`Saved. Hello, ${p.name}.`);
      saved(p);
    } catch (x) {
      showError(form, x as never, err);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
