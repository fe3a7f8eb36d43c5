import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { pageLinks, pageSize, pageSizes, setFilter, turnPage, currentParams } from '../lib/cursorPage';

interface PageInfo {
  startCursor?: string | null;
  endCursor?: string | null;
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}

/**
 * The footer of a list paged on the server by cursor: the total, previous and next, and the
 * page size, all kept in the URL (lib/cursorPage.ts). A cursor list has no page numbers.
 */
export function CursorPager({
  total,
  pageInfo,
  totalLabel,
  sizes = pageSizes,
}: {
  total?: number;
  pageInfo?: PageInfo;
  totalLabel: string;
  /** The page sizes offered, the first the default (lib/cursorPage.ts). */
  sizes?: readonly number[];
}) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const links = pageLinks(params, pageInfo);
  return (
    <Space style={{ width: '100%', justifyContent: 'flex-end', marginTop: 16 }} wrap>
      {total !== undefined && (
        <Typography.Text type="secondary" data-testid="pager-total">
          {totalLabel}
        </Typography.Text>
      )}
      <Button icon={<LeftOutlined />} disabled={!links.prev} onClick={() => pageInfo && setParams(turnPage(params, pageInfo, 'prev'))}>
        {t('pager.prev')}
      </Button>
      <Button disabled={!links.next} onClick={() => pageInfo && setParams(turnPage(params, pageInfo, 'next'))}>
        {t('pager.next')} <RightOutlined />
      </Button>
      <Select
        value={pageSize(params, sizes)}
        style={{ width: 110 }}
        onChange={(size) => setParams(setFilter(currentParams(), { size: String(size) }))}
        options={sizes.map((s) => ({ value: s, label: t('pager.pageSize', { size: s }) }))}
      />
    </Space>
  );
}
