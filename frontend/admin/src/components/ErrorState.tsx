import { Button, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { describeError } from '../graphql/errors';

/**
 * What a page shows when its data could not be loaded: what went wrong in the operator's
 * language, the server's words, the request id to give support, and a retry.
 */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const d = describeError(t, error);
  return (
    <Result
      status="error"
      title={title ?? t('error.loadFailed')}
      subTitle={
        <>
          <div>{d.summary}</div>
          {d.detail && <Typography.Text type="secondary">{d.detail}</Typography.Text>}
          {d.requestId && (
            <div>
              <Typography.Text type="secondary" copyable={{ text: d.requestId }}>
                {t('error.requestId', { id: d.requestId })}
              </Typography.Text>
            </div>
          )}
        </>
      }
      extra={
        onRetry && (
          <Button type="primary" onClick={onRetry}>
            {t('error.retry')}
          </Button>
        )
      }
    />
  );
}
