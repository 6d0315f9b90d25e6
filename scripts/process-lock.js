'use strict';
// Plain JavaScript because the build itself takes this lock before anything is compiled; the
// compiled service loads the same file (see src/database/embedded-database.ts).
const fs = require('node:fs');
const path = require('node:path');

/**
 * The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), so a pid the
 * kernel has since given to another process is told apart. Undefined where /proc is absent.
 */
function startTimeOf(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Whether the process that wrote `holder` still runs (same pid and, where known, same start time). */
function holderIsAlive(holder) {
  if (!Number.isInteger(holder?.pid) || !isAlive(holder.pid)) return false;
  const now = startTimeOf(holder.pid);
  return holder.startTime === undefined || now === undefined || now === holder.startTime;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function parse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Takes the lock file `file` for this process, or reports who holds it. The file appears complete
 * and atomically (written aside, then hard-linked into place, which fails if it exists), and holds
 * the holder's pid, start time, command and since when. A lock whose holder is dead, or whose pid
 * now names another process, is stale: it is removed and taken, so a crash never leaves it stuck.
 *
 * @returns {{ acquired: true, release(): void } | { acquired: false, holder: LockHolder }}
 */
function tryLock(file) {
  const me = {
    pid: process.pid,
    startTime: startTimeOf(process.pid),
    command: [path.basename(process.execPath), ...process.argv.slice(1)].join(' '),
    since: new Date().toISOString(),
  };
  const text = JSON.stringify(me);
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, text);
  try {
    for (;;) {
      try {
        fs.linkSync(aside, file);
        return { acquired: true, release: () => release(file, text) };
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
      }
      const current = readText(file);
      if (current === undefined) continue; // released meanwhile
      const holder = parse(current);
      if (holder && holderIsAlive(holder)) return { acquired: false, holder };
      removeStale(file, current);
    }
  } finally {
    fs.rmSync(aside, { force: true });
  }
}

/**
 * Removes a stale lock file, unless another process replaced it since it was read: moved aside
 * first so only the exact stale content is ever deleted.
 */
function removeStale(file, staleText) {
  const moved = `${file}.${process.pid}.stale`;
  try {
    fs.renameSync(file, moved);
  } catch (err) {
    if (err.code === 'ENOENT') return;
    throw err;
  }
  if (readText(moved) !== staleText) {
    try {
      fs.linkSync(moved, file); // a live holder's lock: put it back
    } catch {
      // Someone took the lock meanwhile; the live holder's release() checks ownership.
    }
  }
  fs.rmSync(moved, { force: true });
}

function release(file, text) {
  if (readText(file) === text) fs.rmSync(file, { force: true });
}

/** One line naming the holder, for messages. */
function describeHolder(holder) {
  return `pid ${holder.pid} (${holder.command || 'unknown command'}), since ${holder.since}`;
}

module.exports = { tryLock, describeHolder, holderIsAlive };
