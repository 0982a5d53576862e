/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

export default defineConfig({
  plugins: [svelte(), svelteTesting()],
  // Relative asset URLs keep the bundle working whether Wails serves it from
  // its asset server root or a test server mounts it elsewhere.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The webview loads files from the embedded FS; inlining small assets as
    // data: URLs would need extra CSP allowances for fonts/media, so keep them as files.
    assetsInlineLimit: 0,
  },
  server: {
    strictPort: false,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    setupFiles: ['./tests/setup.ts'],
    restoreMocks: true,
  },
});
