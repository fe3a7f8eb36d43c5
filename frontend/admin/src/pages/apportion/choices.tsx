import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { request } from '../../graphql/client';
import { accountChoices, meterChoices } from './operations';

// Choosing an account or a meter of a site by typing: the server searches (20 at a time), and
// the choices already made keep their labels from what the group holds.

export interface Choice {
  value: string;
  label: string;
}

export interface AccountLike {
  id: string;
  no: string;
  tenantName: string;
  shopNo: string;
}

export interface MeterLike {
  id: string;
  address: string;
  channel: number;
  room: string;
}

export const accountLabel = (a: AccountLike) => [a.no, a.tenantName, a.shopNo && `（${a.shopNo}）`].filter(Boolean).join(' ');
export const meterLabel = (m: MeterLike) => [m.channel ? `${m.address}#${m.channel}` : m.address, m.room].filter(Boolean).join(' ');

async function search(kind: 'accounts' | 'meters', siteId: string | undefined, text: string, signal: AbortSignal): Promise<Choice[]> {
  const vars = { siteId, search: text || undefined };
  if (kind === 'accounts') {
    return (await request(accountChoices, vars, signal)).accounts.nodes.map((a) => ({ value: a.id, label: accountLabel(a) }));
  }
  return (await request(meterChoices, vars, signal)).meters.nodes.map((m) => ({ value: m.id, label: meterLabel(m) }));
}

export function SearchSelect(props: {
  kind: 'accounts' | 'meters';
  siteId?: string;
  /** Labels of the choices already made (an edited group's). */
  known: Choice[];
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [text, setText] = useState('');
  // The label of what was picked here, kept while another search shows other choices.
  const [picked, setPicked] = useState<Choice>();
  const deferred = useDeferredValue(text);
  const q = useQuery({
    queryKey: ['apportion', props.kind, 'choices', props.siteId, deferred],
    queryFn: ({ signal }) => search(props.kind, props.siteId, deferred.trim().slice(0, 100), signal),
    enabled: !!props.siteId,
    staleTime: 30_000,
  });
  const options = [...(q.data ?? [])];
  const current = [picked, ...props.known].find((k) => k && k.value === props.value);
  if (current && !options.some((o) => o.value === current.value)) options.unshift(current);
  return (
    <Select
      data-testid={props.testId}
      style={{ width: '100%' }}
      showSearch
      filterOption={false}
      onSearch={setText}
      loading={q.isFetching}
      disabled={!props.siteId}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(v?: string, option?: Choice | Choice[]) => {
        if (option && !Array.isArray(option)) setPicked({ value: option.value, label: option.label });
        props.onChange?.(v || undefined);
      }}
      options={options}
    />
  );
}
