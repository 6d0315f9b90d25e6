// Preloaded (`node -r`) into a measured child process: reports its own peak RSS as it exits, so the
// figure is the kernel's high-water mark for exactly that process (see measured-run.ts).
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeSync(2, `\nbench:maxRssKb=${process.resourceUsage().maxRSS}\n`);
});
