import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSites } from './useSites';

/** A choice of the deployment's sites; empty means every site when allowClear. */
export function SiteSelect(props: { value?: string; onChange?: (v: string | undefined) => void; allowClear?: boolean; testId?: string; disabled?: boolean; block?: boolean }) {
  const { t } = useTranslation();
  const sites = useSites();
  return (
    <Select
      data-testid={props.testId}
      style={props.block ? { width: '100%' } : { minWidth: 200 }}
      allowClear={props.allowClear}
      disabled={props.disabled}
      placeholder={t('sitePages.allSites')}
      loading={sites.isLoading}
      value={props.value}
      onChange={(v?: string) => props.onChange?.(v || undefined)}
      options={sites.data?.sites.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
    />
  );
}
