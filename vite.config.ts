import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

// `base: './'` makes the production build work from any sub-path of a static host.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
})
