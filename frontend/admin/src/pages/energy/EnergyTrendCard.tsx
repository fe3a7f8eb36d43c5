import { ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState';
import { PageLoading } from '../../components/PageLoading';
import type { EnergyInterval, EnergyScope } from '../../gql/graphql';
import { request } from '../../graphql/client';
import { energyTrendQuery, trendWindow } from './trend';

// ECharts loads with the first chart drawn (its own chunk), not with the page.
const EnergyTrendChart = lazy(() => import('./EnergyTrendChart'));

const intervals: EnergyInterval[] = ['hour', 'day', 'month'];

/** Energy and charges of a meter, account, building or site over time, with the TOU split. */
export function EnergyTrendCard(props: {
  scope: EnergyScope;
  id: string;
  title: ReactNode;
  interval: EnergyInterval;
  onInterval?: (i: EnergyInterval) => void;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  const { from, to } = trendWindow(props.interval);
  const q = useQuery({
    queryKey: ['energyUsage', props.scope, props.id, props.interval, from],
    queryFn: ({ signal }) => request(energyTrendQuery, { scope: props.scope, id: props.id, from, to, interval: props.interval }, signal),
    refetchInterval: 5 * 60_000,
  });
  return (
    <ProCard
      title={props.title}
      bordered
      data-testid="energy-trend"
      extra={
        <>
          {props.extra}
          {props.onInterval && (
            <Segmented<EnergyInterval>
              value={props.interval}
              onChange={props.onInterval}
              options={intervals.map((i) => ({ value: i, label: t(`energy.interval.${i}`) }))}
            />
          )}
        </>
      }
    >
      {q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <PageLoading />
      ) : (
        <Suspense fallback={<PageLoading />}>
          <EnergyTrendChart points={q.data.energyUsage ?? []} interval={props.interval} />
        </Suspense>
      )}
    </ProCard>
  );
}
