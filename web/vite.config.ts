import { defineConfig } from 'vite';

/**
 * The web app's build. No React plugin: Vite 8 compiles TSX with oxc, told here to use React's automatic runtime.
 * `npm run web:dev` proxies the API (`/api`, prefix stripped) and the server-rendered pages to a running `npm start`
 * gateway, so the browser sees one origin, as behind CloudFront.
 */
const gateway = process.env.GATEWAY_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`;
const web = process.env.WEB_URL ?? `http://127.0.0.1:${process.env.WEB_PORT ?? 8080}`;

export default defineConfig({
  root: import.meta.dirname,
  oxc: { jsx: { runtime: 'automatic' } },
  // Amplify Auth and React make one ~600 KB chunk (about 170 KB gzipped); splitting it buys nothing on first load.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    // The app imports browser-safe rules from `shared/` (one home per rule).
    fs: { allow: ['..'] },
    proxy: {
      '/api': { target: gateway, rewrite: (path) => path.replace(/^\/api/, '') },
      // `/verify` also covers the lookup form's `/verify?number=…` (SERVER_RENDERED_PATHS).
      '/verify': gateway,
      '/links/': gateway,
      '/calendar-feeds/': gateway,
      // The runtime settings and the design system's files come from the `npm start` web server.
      '/config.json': web,
      '/uswds/': web,
    },
  },
});
