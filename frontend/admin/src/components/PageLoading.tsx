import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/** A centred spinner while a page or its data loads. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="vp-page-loading" role="status">
      <Spin tip={t('common.loading')} size="large">
        <div style={{ width: 120, height: 60 }} />
      </Spin>
    </div>
  );
}
