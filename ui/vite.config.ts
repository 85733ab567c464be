import { defineConfig } from "vite";

// The window loads ui/dist through Tauri's own protocol: no dev server, no remote URL.
export default defineConfig({
  base: "./",
  clearScreen: false,
  build: { outDir: "dist", emptyOutDir: true, target: "safari15", sourcemap: false, assetsInlineLimit: 0 },
});
