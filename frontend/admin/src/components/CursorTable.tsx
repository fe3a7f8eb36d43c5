import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Empty } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { pageArgs, type PageArgs } from '../lib/cursorPage';
import { exportHref } from '../lib/exportLink';
import { CursorPager } from './CursorPager';
import { ErrorState } from './ErrorState';

/** What a connection query returns for one page. */
export interface ConnectionPage<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor?: string | null; endCursor?: string | null };
}

export interface CursorTableProps<T> {
  /** The query's cache key without the page: the list's name and its filter. */
  queryKey: readonly unknown[];
  /** Loads one page. */
  load: (page: PageArgs, signal: AbortSignal) => Promise<ConnectionPage<T>>;
  columns: ProColumns<T>[];
  rowKey: (keyof T & string) | ((row: T) => string);
  /** The list's name for GET /export/{list}.xlsx, and the GraphQL filter it shows. */
  exportList?: string;
  exportFilter?: Record<string, unknown>;
  /** Buttons beside export. */
  toolBar?: ReactNode[];
  /** The table's title. */
  title?: ReactNode;
  /** Class of a row (to highlight new ones). */
  rowClassName?: (row: T) => string;
  /** Refetch every so many ms. */
  refetchInterval?: number;
  /** What the empty table says. */
  emptyText?: string;
  /** Expanded row content. */
  expandedRowRender?: (row: T) => ReactNode;
  testId?: string;
  /** Drawn above the table from the rows of the page shown (a chart of them). */
  above?: (rows: T[]) => ReactNode;
}

/**
 * A list paged on the server through its Relay connection, the page and its size in the URL
 * (CursorPager below it), export to Excel and reload above it.
 */
export function CursorTable<T extends Record<string, unknown>>(props: CursorTableProps<T>) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const vars = pageArgs(params);
  const q = useQuery({
    queryKey: [...props.queryKey, vars],
    queryFn: ({ signal }) => props.load(vars, signal),
    placeholderData: keepPreviousData,
    refetchInterval: props.refetchInterval,
  });
  const data = q.data;

  const exportButton = props.exportList && (
    <Button key="export" icon={<DownloadOutlined />} href={exportHref(props.exportList, props.exportFilter, i18n.language)} data-testid="export">
      {t('cursorTable.export')}
    </Button>
  );

  if (q.isError && !data) {
    return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  }
  return (
    <div data-testid={props.testId}>
      {props.above?.(data?.nodes ?? [])}
      <ProTable<T>
        rowKey={props.rowKey}
        headerTitle={props.title}
        columns={props.columns}
        dataSource={data?.nodes}
        loading={q.isFetching}
        search={false}
        pagination={false}
        options={false}
        size="middle"
        scroll={{ x: 'max-content' }}
        rowClassName={props.rowClassName}
        expandable={props.expandedRowRender ? { expandedRowRender: props.expandedRowRender } : undefined}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={props.emptyText ?? t('common.empty')} /> }}
        toolBarRender={() => [
          ...(props.toolBar ?? []),
          exportButton,
          <Button key="reload" icon={<ReloadOutlined />} onClick={() => void q.refetch()} aria-label={t('cursorTable.reload')} />,
        ]}
        footer={() => <CursorPager total={data?.totalCount} pageInfo={data?.pageInfo} totalLabel={t('cursorTable.total', { count: data?.totalCount ?? 0 })} />}
      />
    </div>
  );
}
