import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Empty, Input, type InputRef, List, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskAccountFragment } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { describeError } from '../../graphql/errors';
import { formatFen } from '../../lib/money';
import { deskSearchQuery } from './operations';

/** Waits for the typing to pause before searching: one request per word, not per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** The accounts found by name, shop, phone or account number, then those owning a matching meter, each once. */
export function mergeResults(accounts: DeskAccountFragment[], viaMeters: (DeskAccountFragment | null)[]): DeskAccountFragment[] {
  const seen = new Set<string>();
  const out: DeskAccountFragment[] = [];
  for (const a of [...accounts, ...viaMeters]) {
    if (!a || a.status !== 'open' || seen.has(a.id)) continue;
    seen.add(a.id);
    out.push(a);
  }
  return out;
}

/**
 * The desk's one search box: finds a tenant as the cashier types; ↑ ↓ move, Enter chooses.
 * "/" or F2 anywhere on the page comes back to it (the page registers the keys).
 */
export function TenantSearch({ inputRef, onChoose }: { inputRef: React.RefObject<InputRef>; onChoose: (a: DeskAccountFragment) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const search = useDebounced(text.trim(), 250);
  const q = useQuery({
    queryKey: ['desk-search', search],
    queryFn: ({ signal }) => request(deskSearchQuery, { search }, signal),
    enabled: search !== '',
    staleTime: 10_000,
  });
  const results = useMemo(
    () => (q.data ? mergeResults(q.data.accounts.nodes, q.data.meters.nodes.map((m) => m.account)) : []),
    [q.data],
  );
  const listRef = useRef<HTMLDivElement>(null);
  useEffect(() => setActive(0), [results]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const choose = (a: DeskAccountFragment | undefined) => {
    if (!a) return;
    onChoose(a);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(i + 1, Math.max(results.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(results[active]);
    } else if (e.key === 'Escape') {
      setText('');
    }
  };

  const pending = text.trim() !== search || q.isFetching;
  return (
    <div className="vp-desk-search">
      <Input
        ref={inputRef}
        size="large"
        allowClear
        autoFocus
        prefix={<SearchOutlined />}
        placeholder={t('desk.searchPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-label={t('desk.search')}
        data-testid="desk-search"
        suffix={<Typography.Text type="secondary" keyboard>/ F2</Typography.Text>}
      />
      <div ref={listRef} className="vp-desk-results" role="listbox" aria-label={t('desk.results')}>
        {search === '' ? (
          <Typography.Paragraph type="secondary" className="vp-desk-hint">
            {t('desk.searchHint')}
          </Typography.Paragraph>
        ) : q.isError ? (
          <Typography.Paragraph type="danger" className="vp-desk-hint">
            {describeError(t, q.error).summary}
          </Typography.Paragraph>
        ) : results.length === 0 && !pending ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noMatch', { text: search })} />
        ) : (
          <Spin spinning={pending && results.length === 0}>
            <List
              size="small"
              dataSource={results}
              renderItem={(a, i) => (
                <List.Item
                  data-index={i}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'vp-desk-result vp-desk-result-active' : 'vp-desk-result'}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => choose(a)}
                >
                  <List.Item.Meta
                    title={
                      <span>
                        {a.shopNo && <Tag color="blue">{a.shopNo}</Tag>}
                        {a.tenantName}
                      </span>
                    }
                    description={`${a.no} · ${a.phone}${a.meters.length ? ` · ${t('desk.meterCount', { count: a.meters.length })}` : ''}`}
                  />
                  <Typography.Text strong type={a.balanceFen <= 0 ? 'danger' : undefined}>
                    {formatFen(a.balanceFen)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Spin>
        )}
      </div>
    </div>
  );
}
