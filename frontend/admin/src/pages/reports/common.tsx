import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space } from 'antd';
import type { TFunction } from 'i18next';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { useUrlFilter } from '../../components/useUrlFilter';
import { request } from '../../graphql/client';
import { exportHref } from '../../lib/exportLink';
import { meterPlacesQuery } from '../meters/operations';

// What the operational report pages share: the site and building they are read for (kept in
// the URL, the first site by default), the export button, and durations in words.


/** The site (the URL's, else the first) and building the report is read for, and their pickers. */
export function useSiteFilter(f: ReturnType<typeof useUrlFilter>, { building = true } = {}) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['meter-places'], queryFn: ({ signal }) => request(meterPlacesQuery, {}, signal) });
  const sites = q.data?.sites ?? [];
  const siteId = f.get('site') ?? sites[0]?.id;
  const buildingId = f.get('building');
  const buildings = (q.data?.buildings.nodes ?? []).filter((b) => b.site.id === siteId);
  // Name the default site in the URL, so that a reload or a shared link reads the same one.
  useEffect(() => {
    if (!f.get('site') && sites[0]) f.set({ site: sites[0].id });
  }, [f, sites]);
  const pickers: ReactNode = (
    <Space wrap key="site">
      <Select<string>
        value={siteId}
        style={{ width: 180 }}
        placeholder={t('reports.site')}
        data-testid="report-site"
        loading={q.isLoading}
        onChange={(v) => f.set({ site: v, building: undefined })}
        options={sites.map((s) => ({ value: s.id, label: s.name }))}
      />
      {building && (
        <Select<string>
          allowClear
          value={buildingId}
          style={{ width: 160 }}
          placeholder={t('reports.anyBuilding')}
          data-testid="report-building"
          onChange={(v) => f.set({ building: v })}
          options={buildings.map((b) => ({ value: b.id, label: b.name }))}
        />
      )}
    </Space>
  );
  return { siteId, buildingId, pickers, ready: q.isSuccess && siteId !== undefined, noSite: q.isSuccess && sites.length === 0 };
}

/** The report's spreadsheet (GET /export/{list}.xlsx) under the same filter. */
export function ExportButton({ list, filter, disabled }: { list: string; filter: Record<string, unknown>; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Button icon={<DownloadOutlined />} href={exportHref(list, filter, i18n.language)} disabled={disabled} data-testid="export">
      {t('cursorTable.export')}
    </Button>
  );
}

/** A duration in seconds in words: "3 天 4 小时", "25 分钟". */
export function duration(t: TFunction, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  if (d > 0) return t('reports.days', { d, h });
  if (h > 0) return t('reports.hours', { h, m });
  return t('reports.minutes', { m });
}
