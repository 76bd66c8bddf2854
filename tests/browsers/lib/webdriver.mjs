// A small W3C WebDriver client over fetch, enough to drive WebKitGTK's MiniBrowser through
// WebKitWebDriver: sessions, navigation, scripts, pointer actions, keys, screenshots.
// Errors carry the driver's own error and message.
import { spawn } from 'node:child_process';
import net from 'node:net';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// Starts a WebDriver server binary (e.g. WebKitWebDriver) on a free port; resolves once it
// answers /status, or rejects with its output if it does not within `timeout`.
export async function startDriver(binary, { timeout = 15000, env = process.env } = {}) {
  const port = await freePort();
  const proc = spawn(binary, [`--port=${port}`, '--host=127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  proc.stdout.on('data', (d) => { output += d; });
  proc.stderr.on('data', (d) => { output += d; });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeout;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${binary} exited (${proc.exitCode}): ${output}`);
    try {
      const r = await fetch(`${base}/status`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { proc.kill(); throw new Error(`${binary} did not answer on ${base}: ${output}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    output: () => output,
    stop: () => new Promise((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
      setTimeout(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); }, 3000);
    }),
  };
}

export class WebDriverError extends Error {
  constructor(status, value) {
    super(`${value && value.error}: ${value && value.message}`);
    this.status = status;
    this.error = value && value.error;
  }
}

async function call(method, url, body, timeout = 60000) {
  const ctl = new AbortController();
  const t = setTimeout(() => ctl.abort(), timeout);
  try {
    const r = await fetch(url, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: ctl.signal,
    });
    const json = await r.json().catch(() => ({}));
    if (!r.ok) throw new WebDriverError(r.status, json.value);
    return json.value;
  } catch (e) {
    // An abort says only "This operation was aborted": name the command that hung.
    if (e.name === 'AbortError') throw new Error(`WebDriver ${method} ${url.replace(/^.*\/session\/[^/]+/, '')} got no answer in ${timeout} ms`);
    throw e;
  } finally { clearTimeout(t); }
}

export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  static async create(base, capabilities, timeout = 60000) {
    const v = await call('POST', `${base}/session`, { capabilities: { alwaysMatch: capabilities } }, timeout);
    return new Session(base, v.sessionId, v.capabilities);
  }
  constructor(base, id, capabilities) {
    this.url = `${base}/session/${id}`;
    this.capabilities = capabilities;
  }
  cmd(method, path, body, timeout) { return call(method, this.url + path, body, timeout); }
  navigate(url) { return this.cmd('POST', '/url', { url }); }
  refresh() { return this.cmd('POST', '/refresh', {}); }
  currentUrl() { return this.cmd('GET', '/url'); }
  setTimeouts(t) { return this.cmd('POST', '/timeouts', t); }
  setWindowRect(rect) { return this.cmd('POST', '/window/rect', rect); }
  // Runs `body` (a function body; `arguments` holds args) and returns its value (awaited).
  execute(body, args = []) { return this.cmd('POST', '/execute/sync', { script: body, args }); }
  executeAsync(body, args = []) { return this.cmd('POST', '/execute/async', { script: body, args }); }
  actions(actions) { return this.cmd('POST', '/actions', { actions }); }
  releaseActions() { return this.cmd('DELETE', '/actions'); }
  activeElement() { return this.cmd('GET', '/element/active'); }
  findElement(css) { return this.cmd('POST', '/element', { using: 'css selector', value: css }); }
  sendKeys(element, text) { return this.cmd('POST', `/element/${element[ELEMENT]}/value`, { text }); }
  async screenshot() { return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64'); }
  delete() { return this.cmd('DELETE', '', undefined, 15000).catch(() => {}); }
}
