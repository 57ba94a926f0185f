/**
 * CPU time spent by the processes under test, read from /proc (Linux): the api, the worker and the PostgreSQL
 * backends serving the benchmark's database. CPU per message is far steadier than throughput on a shared
 * virtual machine, so it shows where a cost comes from when rates move by ±20 % between rounds.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_MS = 100 / 1000; // USER_HZ is 100 on Linux

export type CpuGroups = Record<string, number>;

function ticksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

/** Milliseconds of CPU used so far by each named process, and by the backends connected to `database`. */
export function cpuSnapshot(processes: Record<string, number | undefined>, database: string): CpuGroups {
  const groups: CpuGroups = {};
  for (const [name, pid] of Object.entries(processes)) groups[name] = pid ? ticksOf(pid) / TICKS_PER_MS : 0;
  let postgres = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let cmdline = '';
      try {
        cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        continue;
      }
      if (cmdline.startsWith('postgres: ') && cmdline.includes(` ${database} `))
        postgres += ticksOf(Number(entry));
    }
  } catch {
    // Not Linux: no figures.
  }
  groups.postgres = postgres / TICKS_PER_MS;
  return groups;
}

/** CPU used between two snapshots, per 1,000 messages. */
export function cpuPerThousand(before: CpuGroups, after: CpuGroups, messages: number): CpuGroups {
  const out: CpuGroups = {};
  for (const key of Object.keys(after))
    out[key] = Math.round(((after[key] - (before[key] ?? 0)) * 1000) / messages);
  return out;
}
