import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('.', import.meta.url))

// `npm run dev -w web` proxies the API to a server started with `npm start` (port 3000).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // @rc-component/form declares no `sideEffects`, so every antd input (which reads the form's context through
      // its index) brought the whole form store and validator, ≈ 40 KB raw, to pages without a form. Its modules
      // only define things; what a page uses is still kept.
      treeshake: { moduleSideEffects: [{ test: /node_modules[\\/]@rc-component[\\/](form|async-validator)[\\/]/, sideEffects: false }] },
      output: {
        // React and the router, which every page needs, cache across releases (apart, so that each figure shows in
        // bench:web). antd, echarts and the rest are left to the bundler's own split, so that a page loads the components it uses, not whole libraries (a manual echarts
        // group captured helpers that antd's icons share, and so came with the login page).
        manualChunks(id) {
          if (/node_modules[\\/]react-router[\\/]/.test(id)) return 'router'
          if (/node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react'
          return undefined
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
})
