import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { Db } from '../database/transaction';
import { BatchResult, BackfillRepository, FIRST_ID, LinkCounts, ProgressRow } from './backfill.repository';
import { scope, Strategy, STRATEGIES, WIDGET_TABLES, Windows } from './backfill-strategies';

export interface BackfillOptions extends Windows {
  dryRun: boolean;
  batchSize: number;
  /** Which strategies to run (always in confidence order); all by default. */
  strategies: readonly Strategy[];
}

export const DEFAULT_BACKFILL_OPTIONS: BackfillOptions = {
  dryRun: false,
  batchSize: 1000,
  windowDays: 7,
  sessionWindowHours: 24,
  strategies: STRATEGIES,
};

export interface StrategySummary extends LinkCounts {
  strategy: Strategy;
}

/** Every widget row, accounted for once: total = alreadyLinked + linked + unlinked. */
export interface RowTotals {
  total: number;
  /** Linked before this run: by the widget, the orders API, the legacy import or an earlier backfill. */
  alreadyLinked: number;
  /** Linked by this run (an interrupted run it resumed included). */
  linked: number;
  /** Still without an order: ambiguous, unmatched, or claiming an order that has not arrived. */
  unlinked: number;
}

export interface BackfillSummary {
  strategies: StrategySummary[];
  rows: RowTotals;
  /** A previous run was interrupted and this one carried on from where it stopped. */
  resumed: boolean;
  /** Progress of an interrupted run with other windows was discarded: this run started over. */
  restarted: boolean;
}

export interface BackfillHooks {
  onStrategyStart?(strategy: Strategy, rows: number, resumedCounts: LinkCounts): void;
  onBatch?(strategy: Strategy, batch: BatchResult): void;
  onStrategyEnd?(summary: StrategySummary): void;
  /** Stops the run before its next batch; progress so far is kept and the next run resumes it. */
  signal?: AbortSignal;
}

/**
 * Links unlinked widget rows to orders, one strategy after another in order of confidence. Each
 * batch is one statement that also records progress, so a killed run resumes where it stopped
 * and a completed run leaves nothing behind: running it again changes nothing. A dry run does
 * exactly the same work inside one transaction and rolls it back.
 */
@Injectable()
export class BackfillService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly repository: BackfillRepository,
  ) {}

  run(options: BackfillOptions, hooks: BackfillHooks = {}): Promise<BackfillSummary> {
    const work = (db: Db) => this.runAll(db, options, hooks);
    return options.dryRun ? this.repository.rolledBack(work) : work(this.prisma);
  }

  private async runAll(db: Db, options: BackfillOptions, hooks: BackfillHooks): Promise<BackfillSummary> {
    const windows: Windows = { windowDays: options.windowDays, sessionWindowHours: options.sessionWindowHours };
    let progress = await this.repository.readProgress(db);
    const restarted = progress.some((p) => !sameWindows(p.options, windows));
    if (restarted) {
      await this.repository.clearProgress(db);
      progress = [];
    }
    const selected = STRATEGIES.filter((s) => options.strategies.includes(s));
    const resumed = progress.some((p) => selected.includes(p.strategy));

    const strategies: StrategySummary[] = [];
    for (const [i, strategy] of selected.entries()) {
      await this.repository.analyze(db, { linkColumnsOnly: i > 0 });
      strategies.push(await this.runStrategy(db, strategy, progress, windows, options.batchSize, hooks));
    }
    // Complete: the next run starts from the beginning again (and finds nothing left to do).
    await this.repository.clearProgress(db, selected);
    const { total, unlinked } = await this.repository.countRows(db);
    const linked = strategies.reduce((sum, s) => sum + s.linked, 0);
    return { strategies, rows: { total, alreadyLinked: total - linked - unlinked, linked, unlinked }, resumed, restarted };
  }

  private async runStrategy(
    db: Db,
    strategy: Strategy,
    progress: ProgressRow[],
    windows: Windows,
    batchSize: number,
    hooks: BackfillHooks,
  ): Promise<StrategySummary> {
    const tables = WIDGET_TABLES.filter((t) => scope(strategy, t) !== null).map((table) => ({
      table,
      saved: progress.find((p) => p.strategy === strategy && p.tableName === table.name),
    }));
    const summary: StrategySummary = { strategy, linked: 0, ambiguous: 0, unmatched: 0 };
    for (const { saved } of tables) addCounts(summary, saved);
    let rows = 0;
    for (const { table, saved } of tables) {
      if (!saved?.finishedAt) rows += await this.repository.pending(db, strategy, table, saved?.lastId ?? FIRST_ID);
    }
    hooks.onStrategyStart?.(strategy, rows, { ...summary });

    for (const { table, saved } of tables) {
      if (saved?.finishedAt) continue;
      let after = saved?.lastId ?? FIRST_ID;
      for (;;) {
        hooks.signal?.throwIfAborted();
        const batch = await this.repository.linkBatch(db, { strategy, table, after, batchSize, windows });
        addCounts(summary, batch);
        hooks.onBatch?.(strategy, batch);
        if (batch.scanned < batchSize) break;
        after = batch.lastId!;
      }
    }
    hooks.onStrategyEnd?.({ ...summary });
    return summary;
  }
}

function addCounts(total: LinkCounts, add: LinkCounts | undefined): void {
  total.linked += add?.linked ?? 0;
  total.ambiguous += add?.ambiguous ?? 0;
  total.unmatched += add?.unmatched ?? 0;
}

function sameWindows(a: Windows, b: Windows): boolean {
  return a.windowDays === b.windowDays && a.sessionWindowHours === b.sessionWindowHours;
}
