'use strict';
// The pattern of a supervisor that starts the service, uses it, sends SIGTERM to its process group
// and leaves at once: `npm start` detached, stdout and stderr piped and read until then, ~15 widget
// requests (some refused by the rate limit), SIGTERM to the group, exit without reading further.
// Prints the group id (npm's pid) on its own stdout; the caller then watches that group.
const { spawn } = require('node:child_process');
const http = require('node:http');

const [cwd, port] = process.argv.slice(2);
const child = spawn('npm', ['start'], {
  cwd,
  detached: true,
  env: { ...process.env, NODE_ENV: 'production', PORT: port, WIDGET_RATE_LIMIT_PER_MINUTE: '10' },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
child.on('exit', (code) => {
  process.stderr.write(`service exited (${code}) before the test could stop it:\n${output}`);
  process.exit(2);
});

function post(i) {
  return new Promise((resolve) => {
    const body = JSON.stringify({ sessionId: `leave-${i}`, rating: 4 });
    const req = http.request({ port, path: '/api/support/csat', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const started = setInterval(async () => {
  if (!output.includes('Listening on')) return;
  clearInterval(started);
  const statuses = await Promise.all(Array.from({ length: 15 }, (_, i) => post(i)));
  process.stdout.write(`${child.pid} ${statuses.join(',')}\n`, () => {
    process.kill(-child.pid, 'SIGTERM');
    process.exit(0);
  });
}, 50);
