import type { ProColumns } from '@ant-design/pro-components';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Segmented, Select } from 'antd';
import dayjs from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { graphql } from '../../gql';
import { request } from '../../graphql/client';
import type { useUrlFilter } from '../../components/useUrlFilter';
import { exportHref } from '../../lib/exportLink';
import { formatFen } from '../../lib/money';
import { formatShanghai } from '../../lib/shanghai';

// What the three report pages share: the range and period in the URL, the site picker, the
// sales figures' columns and the export button.

/** Today in Beijing time, YYYY-MM-DD. */
export function today(): string {
  return formatShanghai(new Date()).slice(0, 10);
}

/** The report's range and period from the URL: this month to today by day when unset. */
export function useReportRange(f: ReturnType<typeof useUrlFilter>, periods: readonly string[]) {
  const to = f.get('to') ?? today();
  const from = f.get('from') ?? `${to.slice(0, 8)}01`;
  const p = f.get('period') ?? 'day';
  return { from, to, period: periods.includes(p) ? p : 'day' };
}

const sitesQuery = graphql(`
  query ReportSites {
    sites {
      id
      name
    }
  }
`);

/** The report's site (URL siteId; all sites when unset) and its picker. */
export function SitePicker({ filter }: { filter: ReturnType<typeof useUrlFilter> }) {
  const { t } = useTranslation();
  const sites = useQuery({ queryKey: ['reports', 'sites'], queryFn: ({ signal }) => request(sitesQuery, {}, signal) });
  return (
    <Select
      allowClear
      style={{ width: 180 }}
      placeholder={t('reports.allSites')}
      value={filter.get('siteId') ?? undefined}
      onChange={(v) => filter.set({ siteId: v })}
      options={(sites.data?.sites ?? []).map((s) => ({ value: s.id, label: s.name }))}
      data-testid="report-site"
    />
  );
}

/** The range and period pickers. */
export function RangePicker({ filter, from, to, period, periods }: { filter: ReturnType<typeof useUrlFilter>; from: string; to: string; period: string; periods: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(from), dayjs(to)]}
        onChange={(v) => filter.set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        data-testid="report-range"
      />
      <Segmented value={period} onChange={(v) => filter.set({ period: String(v) })} options={periods.map((p) => ({ value: p, label: t(`reports.period.${p as 'day'}`) }))} />
    </>
  );
}

/** The report as the server's spreadsheet, with the page's filter and the caller's rights. */
export function ExportButton({ report, filter }: { report: string; filter: object }) {
  const { t, i18n } = useTranslation();
  return (
    <Button icon={<DownloadOutlined />} href={exportHref(report, filter, i18n.language)} data-testid="report-export">
      {t('reports.export')}
    </Button>
  );
}

/** The money of a SalesFigures-shaped row. */
export interface Figures {
  salesFen: number;
  salesCount: number;
  refundsFen: number;
  refundCount: number;
  reversalsFen: number;
  reversalCount: number;
  netFen: number;
}

const money = (fen: number, n: number) => (n === 0 ? '—' : `${formatFen(fen)} (${n})`);

/** Sales, refunds, reversals (amount and count) and net: the figures' columns. */
export function figureColumns<T>(t: TFunction, of: (row: T) => Figures): ProColumns<T>[] {
  return [
    { title: t('reports.col.sales'), key: 'sales', align: 'right', render: (_, r) => money(of(r).salesFen, of(r).salesCount) },
    { title: t('reports.col.refunds'), key: 'refunds', align: 'right', render: (_, r) => money(of(r).refundsFen, of(r).refundCount) },
    { title: t('reports.col.reversals'), key: 'reversals', align: 'right', render: (_, r) => money(of(r).reversalsFen, of(r).reversalCount) },
    { title: t('reports.col.net'), key: 'net', align: 'right', render: (_, r) => <strong>{formatFen(of(r).netFen)}</strong> },
  ];
}
