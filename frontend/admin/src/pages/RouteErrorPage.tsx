import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';

/**
 * A page that threw while loading or rendering. The usual cause in production is a page's
 * code that is gone after the server was upgraded (its hashed file name changed): reloading
 * fetches the new one.
 */
export default function RouteErrorPage() {
  const { t } = useTranslation();
  const err = useRouteError();
  console.error(err);
  return (
    <Result
      status="error"
      title={t('error.title')}
      subTitle={t('error.pageCrashed')}
      extra={
        <Button type="primary" onClick={() => location.reload()}>
          {t('error.reload')}
        </Button>
      }
    />
  );
}
