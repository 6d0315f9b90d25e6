import { Prisma } from '../generated/prisma/client';
import type { CreatorRow } from './creators.repository';
import type { WidgetStatsRow } from './widget-stats.repository';

/** Response bodies of the creators API (contract §3), shaped field by field. */

export interface CreatorResponse {
  code: string;
  name: string;
  commissionRate: string;
}

export interface CreatorWidgetStats {
  code: string;
  name: string;
  widgetAssistedSales: number;
  widgetAssistedRevenue: string;
  widgetAssistedCommission: string;
  verifiedWidgetAssistedSales: number;
  verifiedWidgetAssistedRevenue: string;
  verifiedWidgetAssistedCommission: string;
}

/** The verified figures count only orders with at least one verified widget interaction (contract §7). */
export interface WidgetStatsResponse {
  currency: string;
  totalWidgetAssistedSales: number;
  totalWidgetAssistedRevenue: string;
  widgetAssistedCommission: string;
  verifiedWidgetAssistedSales: number;
  verifiedWidgetAssistedRevenue: string;
  verifiedWidgetAssistedCommission: string;
  creatorBreakdown: CreatorWidgetStats[];
}

/** The stored numeric(6,5) without its padding, at least two decimals: "0.10000" → "0.10", "0.12500" → "0.125". */
export function formatRate(stored: string): string {
  const rate = new Prisma.Decimal(stored);
  return rate.toFixed(Math.max(2, rate.decimalPlaces()));
}

export function toCreatorResponse(row: CreatorRow): CreatorResponse {
  return { code: row.code, name: row.name, commissionRate: formatRate(row.commissionRate) };
}

export function toWidgetStatsResponse(currency: string, rows: WidgetStatsRow[]): WidgetStatsResponse {
  const total = rows.find((r) => r.isTotal)!;
  return {
    currency,
    totalWidgetAssistedSales: total.sales,
    totalWidgetAssistedRevenue: total.revenue,
    widgetAssistedCommission: total.commission,
    verifiedWidgetAssistedSales: total.verifiedSales,
    verifiedWidgetAssistedRevenue: total.verifiedRevenue,
    verifiedWidgetAssistedCommission: total.verifiedCommission,
    creatorBreakdown: rows
      .filter((r) => !r.isTotal)
      .map((r) => ({
        code: r.code!,
        name: r.name!,
        widgetAssistedSales: r.sales,
        widgetAssistedRevenue: r.revenue,
        widgetAssistedCommission: r.commission,
        verifiedWidgetAssistedSales: r.verifiedSales,
        verifiedWidgetAssistedRevenue: r.verifiedRevenue,
        verifiedWidgetAssistedCommission: r.verifiedCommission,
      })),
  };
}
