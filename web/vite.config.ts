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
      output: {
        // Vendor chunks cache across releases; echarts only loads with the pages that chart.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined
          if (/[\\/](echarts|zrender|echarts-for-react)[\\/]/.test(id)) return 'echarts'
          if (/[\\/](antd|@ant-design|rc-[^\\/]+|@rc-component)[\\/]/.test(id)) return 'antd'
          return 'vendor'
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
})
