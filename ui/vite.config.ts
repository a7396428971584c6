import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: "es2022",
    // Tauri serves the files itself; inline data URLs would need a looser CSP.
    assetsInlineLimit: 0,
  },
  // Component tests mount Svelte in jsdom, which needs the browser build of svelte.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
