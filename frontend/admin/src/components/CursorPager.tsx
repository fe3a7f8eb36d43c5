import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { pageSizes, type useCursorPage } from '../lib/cursorPage';

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor?: string | null;
  endCursor?: string | null;
}

/** Previous / next, the total and the page size of a list paged by cursor (useCursorPage). */
export function CursorPager({ page, pageInfo, totalCount }: { page: ReturnType<typeof useCursorPage>; pageInfo?: PageInfo; totalCount?: number }) {
  const { t } = useTranslation();
  // Paging backward, the server tells whether there is more before; forward, whether after.
  const backward = !!page.vars.before;
  const hasPrev = backward ? !!pageInfo?.hasPreviousPage : !page.atStart;
  const hasNext = backward ? true : !!pageInfo?.hasNextPage;
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end', marginTop: 16 }} data-testid="cursor-pager">
      {totalCount !== undefined && <Typography.Text type="secondary">{t('cursorPager.total', { count: totalCount })}</Typography.Text>}
      <Button icon={<LeftOutlined />} disabled={!hasPrev || !pageInfo?.startCursor} onClick={() => pageInfo?.startCursor && page.prev(pageInfo.startCursor)}>
        {t('cursorPager.prev')}
      </Button>
      <Button disabled={!hasNext || !pageInfo?.endCursor} onClick={() => pageInfo?.endCursor && page.next(pageInfo.endCursor)}>
        {t('cursorPager.next')}
        <RightOutlined />
      </Button>
      <Select
        value={page.size}
        onChange={page.setSize}
        options={pageSizes.map((n) => ({ value: n, label: t('cursorPager.size', { count: n }) }))}
        style={{ width: 120 }}
      />
    </Space>
  );
}
