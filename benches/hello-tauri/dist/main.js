requestAnimationFrame(() => window.__TAURI__.core.invoke("painted"));
