import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three builds into out/: the Electron main process (which bundles the host from src/host), the
 * two sandboxed preloads, and the renderer with its two pages (cashier, customer display).
 * Web mode serves the same out/renderer from Node.
 */
export default defineConfig({
  main: {
    build: {
      rollupOptions: { input: { index: resolve('electron/main.ts') } },
    },
  },
  preload: {
    build: {
      // Sandboxed preloads may only require('electron'): each one is a single self-contained CommonJS file.
      isolatedEntries: true,
      externalizeDeps: false,
      rollupOptions: {
        input: {
          cashier: resolve('electron/preload/cashier.ts'),
          customer: resolve('electron/preload/customer.ts'),
        },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: {
        input: {
          cashier: resolve('src/renderer/cashier/index.html'),
          customer: resolve('src/renderer/customer/index.html'),
        },
      },
    },
  },
});
