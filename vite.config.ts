// The Remix configuration lives here, in the Vite plugin's options: with Remix
// on Vite, vite.config.ts replaces the classic remix.config.js (which belongs
// to the deprecated Remix compiler).
import { vitePlugin as remix } from "@remix-run/dev";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import tsconfigPaths from "vite-tsconfig-paths";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig(({ isSsrBuild }) => ({
  build: {
    target: "es2022",
    // Vite's preload helper (which every lazy import() goes through) travels with the button, which
    // every page that lazily loads code already loads. Left alone, Rollup gives it a file of its own
    // as soon as two unrelated pages import() something, and each form page pays one more request
    // and about 0.4 KB gzip of first-load JavaScript (tests/first-load.test.ts).
    rollupOptions: isSsrBuild
      ? {}
      : {
          output: {
            manualChunks: (id: string) =>
              id.includes("vite/preload-helper") || id.endsWith("/app/components/ui/button.tsx") ? "button" : undefined,
          },
        },
  },
  server: { port: Number(process.env.PORT ?? 3000) },
  // Server-only native packages: never pre-bundled for the browser.
  optimizeDeps: { exclude: ["@node-rs/argon2"] },
  plugins: [
    tailwindcss(),
    remix({
      // BUILD_DIR lets several builds sit side by side (default: build/).
      buildDirectory: process.env.BUILD_DIR || "build",
      // Every Remix v3 future flag: the path to React Router 7.
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
    tsconfigPaths(),
  ],
}));
