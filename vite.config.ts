import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// One config for the app (vite), the worker bundle and the unit tests (vitest).
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // ip-num is used only inside the worker: pre-bundle it so the dev server does not
  // re-optimise dependencies mid-session and leave the worker unanswered.
  optimizeDeps: { include: ['ip-num', 'yaml', 'fflate', 'comlink'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  // Tests are bounded by work, not time: a busy 2-core CI machine must not fail them.
  test: { include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
