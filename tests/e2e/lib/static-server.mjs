// A small static file server for the e2e tests, with the headers the real server sends
// (MIME types, no-cache for the shell's entry points). It can be stopped and restarted on
// the same port to test the app with the network gone.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.data': 'application/octet-stream',
  '.webmanifest': 'application/manifest+json', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.pdf': 'application/pdf', '.ttf': 'font/ttf',
};
const NO_CACHE = new Set(['/index.html', '/visitor.html', '/office.html', '/service-worker.js', '/manifest.webmanifest']);
// Each face's page (scripts/face-pages.py), or index.html in a shell without them.
const APP_ROUTES = { '/': 'index.html', '/v': 'visitor.html', '/office': 'office.html' };

export function startStaticServer(root, port = 0) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const route = APP_ROUTES[p.replace(/(.)\/+$/, '$1')];
    if (route) p = '/' + (fs.existsSync(path.join(root, route)) ? route : 'index.html');
    const file = path.normalize(path.join(root, p));
    if (!file.startsWith(path.normalize(root))) { res.writeHead(403).end(); return; }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': NO_CACHE.has(p) ? 'no-cache' : /\.[0-9a-f]{12}(\.|\/)/.test(p) ? 'public, max-age=31536000, immutable' : 'public, max-age=60',
      });
      res.end(data);
    });
  });
  const sockets = new Set();
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const actual = server.address().port;
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        port: actual,
        stop: () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
      });
    });
  });
}
